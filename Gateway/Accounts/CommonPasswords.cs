using System.Collections.Frozen;

namespace Gateway.Accounts;

/// <summary>
/// The passwords guessed first: Django's list of 19,727 common passwords (Accounts/CommonPasswords/README.md names its
/// source and licence), embedded in the assembly and read once, on first use. NIST SP 800-63B section 5.1.1.2 asks that
/// a new password be checked against such a list.
/// </summary>
internal static class CommonPasswords
{
    private const string Resource = "CommonPasswords/common-passwords.txt";

    private static readonly Lazy<FrozenSet<string>> List = new(Load);

    public static int Count => List.Value.Count;

    /// <summary>Compared in lower case, as the list is written: "PassWord" is as common as "password".</summary>
    public static bool Contains(string password) => List.Value.Contains(password.ToLowerInvariant());

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The embedded resource {Resource} is missing from the build.");
        using var reader = new StreamReader(stream);
        var passwords = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                passwords.Add(line);
            }
        }

        return passwords.ToFrozenSet(StringComparer.Ordinal);
    }
}
