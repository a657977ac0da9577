namespace ZkPot.Snark.Formats;

/// <summary>
/// One of the three R1CS matrices (A, B or C) in compressed sparse row form: row i's terms are
/// <c>Wires[RowStart[i]..RowStart[i+1]]</c> with coefficients <c>Values[...]</c> (true values, not Montgomery-scaled),
/// in file order. Flat arrays keep a prover's evaluation loop free of per-row objects.
/// </summary>
public sealed class R1csMatrix
{
    readonly int[] _rowStart;
    readonly uint[] _wires;
    readonly Fr[] _values;

    /// <summary>Takes ownership of the arrays; <paramref name="rowStart"/> has one entry more than there are rows.</summary>
    public R1csMatrix(int[] rowStart, uint[] wires, Fr[] values)
    {
        ArgumentNullException.ThrowIfNull(rowStart);
        ArgumentNullException.ThrowIfNull(wires);
        ArgumentNullException.ThrowIfNull(values);
        if (rowStart.Length == 0 || rowStart[0] != 0)
            throw new ArgumentException("rowStart must start with 0", nameof(rowStart));
        for (var i = 1; i < rowStart.Length; i++)
        {
            if (rowStart[i] < rowStart[i - 1])
                throw new ArgumentException($"rowStart decreases at row {i - 1}", nameof(rowStart));
        }
        if (rowStart[^1] != wires.Length || wires.Length != values.Length)
            throw new ArgumentException($"rowStart ends at {rowStart[^1]} but there are {wires.Length} wires and {values.Length} values");
        _rowStart = rowStart;
        _wires = wires;
        _values = values;
    }

    public int RowCount => _rowStart.Length - 1;

    public int TermCount => _wires.Length;

    public ReadOnlySpan<int> RowStart => _rowStart;

    public ReadOnlySpan<uint> Wires => _wires;

    public ReadOnlySpan<Fr> Values => _values;

    public ReadOnlySpan<uint> RowWires(int row) => _wires.AsSpan(_rowStart[row].._rowStart[row + 1]);

    public ReadOnlySpan<Fr> RowValues(int row) => _values.AsSpan(_rowStart[row].._rowStart[row + 1]);

    /// <summary>The row's linear combination evaluated at a full witness (wire 0 = 1).</summary>
    public Fr Evaluate(int row, ReadOnlySpan<Fr> witness)
    {
        var sum = Fr.Zero;
        for (var k = _rowStart[row]; k < _rowStart[row + 1]; k++)
            sum += _values[k] * witness[(int)_wires[k]];
        return sum;
    }
}
