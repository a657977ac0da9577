namespace ZkPot.Snark.Formats;

/// <summary>A full assignment of a circuit's wires (wire 0 is the constant 1), as a .wtns file holds it.</summary>
public sealed class Witness
{
    readonly Fr[] _values;

    /// <summary>Takes ownership of the array.</summary>
    public Witness(Fr[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values;
    }

    public int Count => _values.Length;

    public ReadOnlySpan<Fr> Values => _values;

    public Fr this[int wire] => _values[wire];
}
