namespace Gateway.RequestPath.Token;

/// <summary>
/// One lock's worth of <see cref="ValidatedTokenCache"/>: a dictionary for lookups and a list in order of use, so a
/// hit, an add and an eviction each take constant time under a short lock. The entries of all shards share one
/// budget, the configured capacity: a shard grows while the budget lasts and, once it is spent, makes room by
/// evicting its own least recently used token. Fixed shares would overflow the shards that hashing happens to give a
/// few more tokens than average, and a cycle through more tokens than a shard holds misses on every request.
/// </summary>
internal sealed class ValidatedTokenCacheShard
{
    private readonly ValidatedTokenCacheBudget _budget;
    private readonly Dictionary<string, Node> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Node>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly Lock _lock = new();

    // A ring through a sentinel: the sentinel's Next is the most recently used, its Previous the least.
    private readonly Node _sentinel = Node.Sentinel();

    public ValidatedTokenCacheShard(ValidatedTokenCacheBudget budget)
    {
        _budget = budget;
        _bySpan = _nodes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _nodes.Count;
            }
        }
    }

    /// <param name="oldestLiveExpiry">Tokens whose exp is before this (now minus the clock skew) have expired.</param>
    /// <param name="cached">The cached key, equal to <paramref name="token"/>, so a hit needs no string of its own.</param>
    public bool TryGet(ReadOnlySpan<char> token, long oldestLiveExpiry, out string cached, out ValidatedToken validated)
    {
        lock (_lock)
        {
            if (!_bySpan.TryGetValue(token, out var node))
            {
                cached = null!;
                validated = null!;
                return false;
            }

            if (node.Value.ExpiresAt < oldestLiveExpiry)
            {
                _nodes.Remove(node.Key);
                node.Unlink();
                _budget.Return();
                cached = null!;
                validated = null!;
                return false;
            }

            if (_sentinel.Next != node)
            {
                node.Unlink();
                node.LinkAfter(_sentinel);
            }

            cached = node.Key;
            validated = node.Value;
            return true;
        }
    }

    public void Add(string token, ValidatedToken validated)
    {
        lock (_lock)
        {
            if (_nodes.TryGetValue(token, out var node))
            {
                node.Unlink();
            }
            else if (_budget.TryTake())
            {
                node = new Node { Key = token };
                _nodes.Add(token, node);
            }
            else if (_nodes.Count > 0)
            {
                // Reuse the least recently used entry's node, so a full cache allocates nothing more.
                node = _sentinel.Previous;
                node.Unlink();
                _nodes.Remove(node.Key);
                node.Key = token;
                _nodes.Add(token, node);
            }
            else
            {
                // Other shards hold the whole budget (or it is 0): validated in full until a slot frees.
                return;
            }

            node.Value = validated;
            node.LinkAfter(_sentinel);
        }
    }

    private sealed class Node
    {
        public string Key { get; set; } = "";

        public ValidatedToken Value { get; set; } = null!;

        public Node Previous { get; private set; } = null!;

        public Node Next { get; private set; } = null!;

        public static Node Sentinel()
        {
            var sentinel = new Node();
            sentinel.Previous = sentinel;
            sentinel.Next = sentinel;
            return sentinel;
        }

        public void LinkAfter(Node anchor)
        {
            Previous = anchor;
            Next = anchor.Next;
            anchor.Next.Previous = this;
            anchor.Next = this;
        }

        public void Unlink()
        {
            Previous.Next = Next;
            Next.Previous = Previous;
        }
    }
}
