namespace Gateway.RequestPath.Checks;

/// <summary>
/// What a value becomes when one layer after another percent-decodes it, as a chain of proxies, frameworks and
/// browsers may: an encoded "/", "\" or ".." must be judged by what some layer will finally see.
/// </summary>
internal static class PercentDecoding
{
    /// <summary>Each successively decoded form of <paramref name="value"/>, up to <paramref name="maxRounds"/>; stops once decoding changes nothing.</summary>
    public static IEnumerable<string> Layers(string value, int maxRounds)
    {
        var current = value;
        for (var round = 0; round < maxRounds; round++)
        {
            var decoded = Uri.UnescapeDataString(current);
            if (decoded == current)
            {
                yield break;
            }

            yield return decoded;
            current = decoded;
        }
    }
}
