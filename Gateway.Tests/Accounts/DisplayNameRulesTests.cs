using Gateway.Accounts;

namespace Gateway.Tests.Accounts;

/// <summary>Display names are shown to people (the account and admin pages, X-User-Name): what a name looks like is what it is.</summary>
public sealed class DisplayNameRulesTests
{
    [Theory]
    [InlineData("\u202Enimda", "U+202E")] // RIGHT-TO-LEFT OVERRIDE: shows as "admin"
    [InlineData("ad\u200Bmin", "U+200B")] // ZERO WIDTH SPACE
    [InlineData("ad\u200Dmin", "U+200D")] // ZERO WIDTH JOINER
    [InlineData("\u2066admin\u2069", "U+2066")] // LEFT-TO-RIGHT ISOLATE
    [InlineData("\uFEFFadmin", "U+FEFF")] // ZERO WIDTH NO-BREAK SPACE (byte order mark)
    [InlineData("ad\u00ADmin", "U+00AD")] // SOFT HYPHEN
    [InlineData("two\u2028lines", "U+2028")] // LINE SEPARATOR
    [InlineData("ad\u3164min", "U+3164")] // HANGUL FILLER: a letter that draws nothing
    [InlineData("admin\U000E0041", "U+E0041")] // TAG LATIN CAPITAL LETTER A
    [InlineData("bad\u0007name", "U+0007")] // BELL
    [InlineData("\uE000admin", "U+E000")] // a private-use character
    public void Problem_InvisibleOrFormattingCharacter_IsRefusedNamingIt(string displayName, string named)
    {
        var problem = DisplayNameRules.Problem(displayName);

        Assert.NotNull(problem);
        Assert.Contains("invisible or formatting characters", problem, StringComparison.Ordinal);
        Assert.Contains(named, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_HalfASurrogatePair_IsRefusedNamingIt() =>
        Assert.Contains("character 3 is U+D800", DisplayNameRules.Problem("ad" + (char)0xD800 + "min"), StringComparison.Ordinal);

    [Theory]
    [InlineData("Zoë Ångström")]
    [InlineData("e\u0301milie")] // a combining accent
    [InlineData("王小明")]
    [InlineData("محمد علي")]
    [InlineData("Jean\u00A0Pierre")] // a no-break space shows as a space
    [InlineData("Ana \u2764\uFE0F")] // an emoji with its variation selector
    [InlineData("Rocket \U0001F680")]
    public void Problem_PrintableName_IsAccepted(string displayName) =>
        Assert.Null(DisplayNameRules.Problem(displayName));

    [Fact]
    public void Reveal_StoredNameWithHiddenCharacters_WritesEachAsItsCodePoint() =>
        Assert.Equal("[U+202E]nimda[U+200B][U+E0041]", InvisibleCharacters.Reveal("\u202Enimda\u200B\U000E0041"));

    [Fact]
    public void Reveal_PrintableName_IsUnchanged() =>
        Assert.Equal("Zoë 王 \u2764\uFE0F", InvisibleCharacters.Reveal("Zoë 王 \u2764\uFE0F"));
}
