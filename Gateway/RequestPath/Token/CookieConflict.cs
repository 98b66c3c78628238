namespace Gateway.RequestPath.Token;

/// <summary>Marks a request that carried several token cookies of the exact name, so its challenge can say so.</summary>
internal static class CookieConflict
{
    private static readonly object Key = new();

    public static void SetCookieConflict(this HttpContext context) => context.Items[Key] = true;

    public static bool HasCookieConflict(this HttpContext context) => context.Items.ContainsKey(Key);
}
