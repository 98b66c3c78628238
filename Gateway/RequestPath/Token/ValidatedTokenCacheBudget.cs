namespace Gateway.RequestPath.Token;

/// <summary>The entries <see cref="ValidatedTokenCache"/>'s shards may hold together: Gateway:Jwt:ValidatedTokenCacheSize.</summary>
internal sealed class ValidatedTokenCacheBudget(int capacity)
{
    private int _left = capacity;

    public bool TryTake()
    {
        var left = Volatile.Read(ref _left);
        while (left > 0)
        {
            var seen = Interlocked.CompareExchange(ref _left, left - 1, left);
            if (seen == left)
            {
                return true;
            }

            left = seen;
        }

        return false;
    }

    public void Return() => Interlocked.Increment(ref _left);
}
