namespace ZkPot.Snark.Formats;

/// <summary>
/// Reads an iden3 .r1cs file (github.com/iden3/r1csfile doc/r1cs_bin_format.md, version 1) over BN254's scalar field.
/// Sections may come in any order (circom writes the constraints before the header); unknown section types are
/// skipped as the spec requires, but custom gates (sections 4 and 5, PLONK only) are refused since Groth16 cannot
/// prove them.
/// </summary>
public static class R1csReader
{
    internal const uint HeaderSection = 1;
    internal const uint ConstraintsSection = 2;
    internal const uint WireLabelsSection = 3;
    const uint CustomGatesListSection = 4;
    const uint CustomGatesUsesSection = 5;
    internal const int HeaderSize = 4 + FieldCodec.Size + 4 * 4 + 8 + 4;

    public static R1cs Read(string path)
    {
        using var source = BinarySource.Open(path);
        return Read(source);
    }

    /// <summary>Reads from a stream; <paramref name="name"/> is how error messages refer to it.</summary>
    public static R1cs Read(Stream stream, string name)
    {
        using var source = BinarySource.FromStream(stream, name);
        return Read(source);
    }

    internal static string Describe(uint type) => type switch
    {
        HeaderSection => "header",
        ConstraintsSection => "constraints",
        WireLabelsSection => "wire-to-label map",
        CustomGatesListSection => "custom gates list",
        CustomGatesUsesSection => "custom gates uses",
        _ => "unknown",
    };

    static R1cs Read(BinarySource source)
    {
        var table = SectionTable.Read(source, "r1cs", 1, Describe);
        foreach (var type in new[] { CustomGatesListSection, CustomGatesUsesSection })
        {
            if (table.Find(type) is not null)
                throw source.Error($"section {type} ({Describe(type)}): the circuit uses PLONK custom gates, which Groth16 cannot prove");
        }

        var header = ReadHeader(source, table);
        var constraints = table.Require(ConstraintsSection);
        var (a, b, c) = ReadConstraints(source, constraints, header);
        var labelsSection = table.Find(WireLabelsSection);
        ulong[]? labels = null;
        if (labelsSection is { } ls)
        {
            table.RequireSize(ls, (long)header.NWires * 8, $"one u64 label per wire, {header.NWires} wires");
            labels = RecordReader.Read(source, ls.Offset, header.NWires, 8, "section 3 (wire-to-label map)", "wire",
                (ReadOnlySpan<byte> r, out ulong label) =>
                {
                    label = BitConverter.ToUInt64(r);
                    return label < header.NLabels ? null : $"label {label} is not below nLabels {header.NLabels}";
                });
        }
        return new R1cs(header.NWires, header.NPubOut, header.NPubIn, header.NPrvIn, header.NLabels, a, b, c, labels);
    }

    readonly record struct Header(int NWires, int NPubOut, int NPubIn, int NPrvIn, ulong NLabels, int NConstraints);

    static Header ReadHeader(BinarySource source, SectionTable table)
    {
        var section = table.Require(HeaderSection);
        const string label = "section 1 (header)";
        var bytes = source.ReadArray(section.Offset, Math.Min(section.Size, HeaderSize), label);
        var reader = new SpanReader(bytes, source, label);
        var n8 = reader.U32("field size");
        if (n8 != FieldCodec.Size)
            throw reader.Error($"r1cs over another field: elements of {n8} bytes, expected {FieldCodec.Size} for BN254's scalar field r");
        var prime = FieldCodec.ReadInteger(reader.Take(FieldCodec.Size, "prime"));
        if (prime != Fr.Modulus)
            throw reader.Error($"r1cs over another field: prime {prime} is not BN254's scalar field r = {Fr.Modulus}");
        table.RequireSize(section, HeaderSize, "header of a 32-byte field");

        var nWires = reader.U32("nWires");
        var nPubOut = reader.U32("nPubOut");
        var nPubIn = reader.U32("nPubIn");
        var nPrvIn = reader.U32("nPrvIn");
        var nLabels = reader.U64("nLabels");
        var nConstraints = reader.U32("mConstraints");
        if (nWires == 0 || nWires > int.MaxValue)
            throw reader.Error($"nWires {nWires} is out of range 1..{int.MaxValue}");
        if (1UL + nPubOut + nPubIn + nPrvIn > nWires)
            throw reader.Error($"1 + nPubOut {nPubOut} + nPubIn {nPubIn} + nPrvIn {nPrvIn} exceeds nWires {nWires}");
        if (nConstraints > int.MaxValue)
            throw reader.Error($"mConstraints {nConstraints} is more than this reader supports");
        return new Header((int)nWires, (int)nPubOut, (int)nPubIn, (int)nPrvIn, nLabels, (int)nConstraints);
    }

    /// <summary>
    /// Two sequential passes over the variable-length section (count terms, then fill exact-size arrays and check
    /// wire ids), then the coefficients, which cost a field multiplication each, are decoded in parallel.
    /// </summary>
    static (R1csMatrix A, R1csMatrix B, R1csMatrix C) ReadConstraints(BinarySource source, Section section, Header header)
    {
        const string label = "section 2 (constraints)";
        // Every constraint holds at least three u32 term counts: a forged count cannot make us allocate past the file.
        if ((ulong)header.NConstraints * 12 > (ulong)section.Size)
            throw source.Error($"{label}: {section.Size} bytes cannot hold {header.NConstraints} constraints");
        var bytes = source.ReadArray(section.Offset, section.Size, label);
        const int termSize = 4 + FieldCodec.Size;

        var counts = new long[3];
        var reader = new SpanReader(bytes, source, label);
        for (var i = 0; i < header.NConstraints; i++)
        {
            for (var m = 0; m < 3; m++)
            {
                var n = reader.U32($"constraint {i} {Matrix(m)} term count");
                if ((ulong)n * termSize > (ulong)reader.Remaining)
                    throw reader.Error($"constraint {i} {Matrix(m)} declares {n} terms but only {reader.Remaining} bytes remain");
                reader.Take((int)n * termSize, "terms");
                counts[m] += n;
            }
        }
        reader.End();

        var rowStarts = new int[3][];
        var wires = new uint[3][];
        var valueOffsets = new int[3][];
        for (var m = 0; m < 3; m++)
        {
            rowStarts[m] = new int[header.NConstraints + 1];
            wires[m] = new uint[counts[m]];
            valueOffsets[m] = new int[counts[m]];
        }
        var filled = new int[3];
        // The spec asks for ascending wire ids but circom does not sort them, so only repeats are refused: snarkjs
        // would keep the last of two terms for one wire while a sum keeps both, and the two would prove different
        // statements. lastSeen[w] holds the number (plus one) of the last linear combination that used wire w.
        var lastSeen = new long[header.NWires];
        long combination = 0;
        reader = new SpanReader(bytes, source, label);
        for (var i = 0; i < header.NConstraints; i++)
        {
            for (var m = 0; m < 3; m++)
            {
                var n = (int)reader.U32("term count");
                combination++;
                for (var t = 0; t < n; t++)
                {
                    var wire = reader.U32("wire id");
                    if (wire >= (uint)header.NWires)
                        throw reader.Error($"constraint {i} {Matrix(m)} term {t}: wire {wire} is not below nWires {header.NWires}");
                    if (lastSeen[wire] == combination)
                        throw reader.Error($"constraint {i} {Matrix(m)} term {t}: wire {wire} appears twice in one linear combination");
                    lastSeen[wire] = combination;
                    wires[m][filled[m]] = wire;
                    valueOffsets[m][filled[m]] = reader.Position;
                    filled[m]++;
                    reader.Take(FieldCodec.Size, "coefficient");
                }
                rowStarts[m][i + 1] = filled[m];
            }
        }

        var matrices = new R1csMatrix[3];
        for (var m = 0; m < 3; m++)
            matrices[m] = new R1csMatrix(rowStarts[m], wires[m], DecodeValues(source, bytes, valueOffsets[m], rowStarts[m], m));
        return (matrices[0], matrices[1], matrices[2]);
    }

    static Fr[] DecodeValues(BinarySource source, byte[] bytes, int[] offsets, int[] rowStart, int matrix)
    {
        var values = new Fr[offsets.Length];
        var valid = true;
        Parallel.For(0, (offsets.Length + 8191) / 8192, chunk =>
        {
            var end = Math.Min(offsets.Length, (chunk + 1) * 8192);
            for (var k = chunk * 8192; k < end; k++)
            {
                if (!FieldCodec.TryReadFr(bytes.AsSpan(offsets[k], FieldCodec.Size), out values[k]))
                    valid = false;
            }
        });
        if (valid)
            return values;
        // Rare path: find the first bad coefficient again, sequentially, to name it.
        for (var k = 0; k < offsets.Length; k++)
        {
            if (FieldCodec.TryReadFr(bytes.AsSpan(offsets[k], FieldCodec.Size), out _))
                continue;
            var row = RowOf(rowStart, k);
            throw source.Error($"section 2 (constraints), constraint {row} {Matrix(matrix)} term {k - rowStart[row]}: coefficient {FieldCodec.ReadInteger(bytes.AsSpan(offsets[k], FieldCodec.Size))} is not below r");
        }
        return values;
    }

    static int RowOf(int[] rowStart, int term)
    {
        // Last row whose start is <= term (empty rows share starts with their successors).
        var lo = 0;
        var hi = rowStart.Length - 2;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (rowStart[mid] <= term) lo = mid; else hi = mid - 1;
        }
        return lo;
    }

    static string Matrix(int m) => m switch { 0 => "A", 1 => "B", _ => "C" };
}
