using ZkPot.Snark.Formats;

namespace ZkPot.Snark.Setup;

/// <summary>
/// One QAP matrix in compressed sparse column form: wire w's terms are rows <c>Rows[Start[w]..Start[w+1]]</c> with
/// coefficients <c>Values[...]</c>, in row order. Setup works wire by wire, while an .r1cs is stored row by row.
/// </summary>
internal sealed class SparseColumns
{
    SparseColumns(int[] start, int[] rows, Fr[] values)
    {
        Start = start;
        Rows = rows;
        Values = values;
    }

    public int[] Start { get; }

    public int[] Rows { get; }

    public Fr[] Values { get; }

    public int WireCount => Start.Length - 1;

    public int TermCount(int wire) => Start[wire + 1] - Start[wire];

    /// <summary>Transposes a row-major matrix; <paramref name="unitRows"/>[s] adds a coefficient 1 for wire s at that row.</summary>
    public static SparseColumns FromRows(R1csMatrix matrix, int wireCount, ReadOnlySpan<int> unitRows)
    {
        var start = new int[wireCount + 1];
        foreach (var wire in matrix.Wires)
            start[wire + 1]++;
        for (var s = 0; s < unitRows.Length; s++)
            start[s + 1]++;
        for (var w = 0; w < wireCount; w++)
            start[w + 1] += start[w];

        var total = start[wireCount];
        var rows = new int[total];
        var values = new Fr[total];
        var next = start[..wireCount];
        for (var row = 0; row < matrix.RowCount; row++)
        {
            var wires = matrix.RowWires(row);
            var coefficients = matrix.RowValues(row);
            for (var t = 0; t < wires.Length; t++)
            {
                var at = next[wires[t]]++;
                rows[at] = row;
                values[at] = coefficients[t];
            }
        }
        for (var s = 0; s < unitRows.Length; s++)
        {
            var at = next[s]++;
            rows[at] = unitRows[s];
            values[at] = Fr.One;
        }
        return new SparseColumns(start, rows, values);
    }

    /// <summary>
    /// The transpose product: for each row, sum over the wires w with a term in it of weights[w] * coefficient. With
    /// random weights, sum_w weights[w] P_w = sum_row result[row] L_row checks every wire's point P_w = sum_row c L_row
    /// at once.
    /// </summary>
    public Fr[] CombineRows(ReadOnlySpan<Fr> weights, int firstWire, int rowCount)
    {
        var result = new Fr[rowCount];
        for (var i = 0; i < weights.Length; i++)
        {
            var w = firstWire + i;
            for (var k = Start[w]; k < Start[w + 1]; k++)
                result[Rows[k]] += Values[k] * weights[i];
        }
        return result;
    }

    /// <summary>Each wire's value sum_k Values[k] * rowValues[Rows[k]]: the wire's polynomial at tau when rowValues are L_row(tau).</summary>
    public Fr[] Evaluate(ReadOnlySpan<Fr> rowValues)
    {
        var result = new Fr[WireCount];
        for (var w = 0; w < result.Length; w++)
        {
            var sum = Fr.Zero;
            for (var k = Start[w]; k < Start[w + 1]; k++)
                sum += Values[k] * rowValues[Rows[k]];
            result[w] = sum;
        }
        return result;
    }
}
