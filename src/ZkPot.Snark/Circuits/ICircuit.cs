namespace ZkPot.Snark.Circuits;

/// <summary>
/// A circuit written once in C#: <see cref="Define"/> declares inputs with their values, allocates hints and adds
/// constraints. The same code yields the constraint system and, from the values it was given, the witness.
/// </summary>
public interface ICircuit
{
    /// <summary>
    /// Declares the circuit on <paramref name="builder"/>. The constraints it adds must not depend on the values
    /// (only on the circuit's shape), so that a run with placeholder values gives the same constraint system.
    /// </summary>
    void Define(CircuitBuilder builder);
}
