namespace Gateway.Tests.Infrastructure;

internal static class TempFolder
{
    public static string Create(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), "gateway-tests", $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }
}
