namespace ZkPot.Snark.Circuits;

/// <summary>
/// A named stretch of constraints (see <see cref="CircuitBuilder.Scope"/>); disposing it closes the stretch. Names of
/// nested scopes are joined to describe a failing constraint, e.g. "sample 3 / argmax / ToBits: bit is boolean".
/// </summary>
public readonly struct ConstraintScope : IDisposable
{
    readonly CircuitBuilder? _builder;
    readonly int _depth;

    internal ConstraintScope(CircuitBuilder builder, int depth)
    {
        _builder = builder;
        _depth = depth;
    }

    public void Dispose() => _builder?.EndScope(_depth);
}
