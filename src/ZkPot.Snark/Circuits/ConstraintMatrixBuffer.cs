using ZkPot.Snark.Formats;

namespace ZkPot.Snark.Circuits;

/// <summary>
/// One of A, B, C while a circuit is being defined: rows appended in compressed sparse row form over builder variable
/// ids, turned into an <see cref="R1csMatrix"/> over R1CS wires once the wire order is known. Terms go into fixed-size
/// chunks, so a matrix of millions of terms grows without ever copying itself.
/// </summary>
internal sealed class ConstraintMatrixBuffer
{
    const int ChunkShift = 16;
    const int ChunkSize = 1 << ChunkShift;

    readonly List<int[]> _variables = [];
    readonly List<Fr[]> _coefficients = [];
    int[] _rowStart;
    int _rows;
    int _terms;

    public ConstraintMatrixBuffer(int rowCapacity) => _rowStart = new int[Math.Max(rowCapacity, 16) + 1];

    public void AppendRow(ReadOnlySpan<Term> terms)
    {
        if (terms.Length > int.MaxValue - _terms)
            throw new InvalidOperationException($"matrix would exceed {int.MaxValue} terms");
        while (terms.Length > 0)
        {
            int chunk = _terms >> ChunkShift, offset = _terms & (ChunkSize - 1);
            if (chunk == _variables.Count)
            {
                _variables.Add(new int[ChunkSize]);
                _coefficients.Add(new Fr[ChunkSize]);
            }
            var count = Math.Min(terms.Length, ChunkSize - offset);
            var variables = _variables[chunk].AsSpan(offset, count);
            var coefficients = _coefficients[chunk].AsSpan(offset, count);
            for (var k = 0; k < count; k++)
            {
                variables[k] = terms[k].Variable.Id;
                coefficients[k] = terms[k].Coefficient;
            }
            _terms += count;
            terms = terms[count..];
        }
        if (_rows + 2 > _rowStart.Length)
            Array.Resize(ref _rowStart, _rowStart.Length * 2);
        _rows++;
        _rowStart[_rows] = _terms;
    }

    /// <summary>
    /// The matrix over R1CS wires, each row sorted by wire; <paramref name="wireOf"/> maps variable id to wire. The
    /// buffer lets go of its storage, so a large circuit holds one copy of each matrix at a time, not two.
    /// </summary>
    public R1csMatrix ToMatrix(ReadOnlySpan<int> wireOf)
    {
        var rowStart = _rowStart.AsSpan(0, _rows + 1).ToArray();
        var wires = new uint[_terms];
        var values = new Fr[_terms];
        for (var chunk = 0; chunk < _variables.Count; chunk++)
        {
            var start = chunk << ChunkShift;
            var count = Math.Min(ChunkSize, _terms - start);
            var variables = _variables[chunk].AsSpan(0, count);
            var destination = wires.AsSpan(start, count);
            for (var k = 0; k < count; k++)
                destination[k] = (uint)wireOf[variables[k]];
            _coefficients[chunk].AsSpan(0, count).CopyTo(values.AsSpan(start));
            _variables[chunk] = [];
            _coefficients[chunk] = [];
        }

        // Rows come sorted by variable id; the wire order moves inputs declared late ahead of earlier internal
        // variables, so only rows that mix the two need sorting again.
        for (var row = 0; row < _rows; row++)
        {
            int start = rowStart[row], length = rowStart[row + 1] - start;
            var rowWires = wires.AsSpan(start, length);
            for (var k = 1; k < length; k++)
            {
                if (rowWires[k] < rowWires[k - 1])
                {
                    Array.Sort(wires, values, start, length);
                    break;
                }
            }
        }

        _variables.Clear();
        _coefficients.Clear();
        _rowStart = [0];
        _rows = 0;
        _terms = 0;
        return new R1csMatrix(rowStart, wires, values);
    }
}
