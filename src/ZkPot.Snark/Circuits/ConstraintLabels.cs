namespace ZkPot.Snark.Circuits;

/// <summary>
/// The side table of human-readable names for constraints: an optional label per constraint and the scopes around
/// them. It never enters the .r1cs; it only makes a failing constraint's report readable.
/// </summary>
internal sealed class ConstraintLabels
{
    readonly record struct ScopeSpan(string Name, int Start, int End, int Depth);

    string?[] _labels = new string?[64];
    readonly List<ScopeSpan> _closed = [];
    readonly List<(string Name, int Start)> _open = [];

    public int OpenScopes => _open.Count;

    public string InnermostOpenScope => _open[^1].Name;

    public void Set(int constraint, string? label)
    {
        if (label is null)
            return;
        if (constraint >= _labels.Length)
            Array.Resize(ref _labels, Math.Max(_labels.Length * 2, constraint + 1));
        _labels[constraint] = label;
    }

    public int Open(string name, int nextConstraint)
    {
        _open.Add((name, nextConstraint));
        return _open.Count;
    }

    public void Close(int depth, int nextConstraint)
    {
        if (depth > _open.Count)
            throw new InvalidOperationException($"a scope at depth {depth} was disposed twice or after the scope around it");
        if (depth != _open.Count)
            throw new InvalidOperationException(
                $"scope '{_open[depth - 1].Name}' closed while inner scope '{_open[^1].Name}' is still open; dispose scopes innermost first");
        var (name, start) = _open[^1];
        _open.RemoveAt(_open.Count - 1);
        if (nextConstraint > start)
            _closed.Add(new ScopeSpan(name, start, nextConstraint, depth));
    }

    /// <summary>"outer / inner: label" for the constraint, or null when it has neither scope nor label.</summary>
    public string? Describe(int constraint)
    {
        var path = _closed.Where(s => s.Start <= constraint && constraint < s.End)
            .Select(s => (s.Name, s.Depth))
            .Concat(_open.Select((s, i) => (s.Name, Depth: i + 1)).Where((s, i) => _open[i].Start <= constraint))
            .OrderBy(s => s.Depth)
            .Select(s => s.Name)
            .ToList();
        var label = constraint < _labels.Length ? _labels[constraint] : null;
        if (path.Count == 0)
            return label;
        var scopes = string.Join(" / ", path);
        return label is null ? scopes : scopes + ": " + label;
    }
}
