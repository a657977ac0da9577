namespace ZkPot.Snark.Formats;

/// <summary>
/// Writes an iden3 .r1cs file (version 1) that circom tooling and snarkjs read. Sections go in circom's order
/// (constraints, header, wire-to-label map), so re-writing a circom file reproduces it byte for byte.
/// </summary>
public static class R1csWriter
{
    public static void Write(R1cs r1cs, string path)
    {
        ArgumentNullException.ThrowIfNull(r1cs);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        Write(r1cs, stream);
    }

    public static void Write(R1cs r1cs, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(r1cs);
        const int termSize = 4 + FieldCodec.Size;
        var writer = BinaryFileWriter.Begin(stream, "r1cs", 1, r1cs.WireLabels is null ? 2u : 3u);

        var terms = (long)r1cs.A.TermCount + r1cs.B.TermCount + r1cs.C.TermCount;
        writer.BeginSection(R1csReader.ConstraintsSection, 12L * r1cs.NConstraints + termSize * terms);
        Span<byte> term = stackalloc byte[termSize];
        for (var i = 0; i < r1cs.NConstraints; i++)
        {
            foreach (var matrix in (ReadOnlySpan<R1csMatrix>)[r1cs.A, r1cs.B, r1cs.C])
            {
                var wires = matrix.RowWires(i);
                var values = matrix.RowValues(i);
                writer.U32((uint)wires.Length);
                for (var k = 0; k < wires.Length; k++)
                {
                    BitConverter.TryWriteBytes(term, wires[k]);
                    FieldCodec.WriteFr(term[4..], values[k]);
                    writer.Write(term);
                }
            }
        }
        writer.EndSection();

        writer.BeginSection(R1csReader.HeaderSection, R1csReader.HeaderSize);
        writer.U32(FieldCodec.Size);
        Span<byte> prime = stackalloc byte[FieldCodec.Size];
        FieldCodec.WriteInteger(prime, Fr.Modulus);
        writer.Write(prime);
        writer.U32((uint)r1cs.NWires);
        writer.U32((uint)r1cs.NPubOut);
        writer.U32((uint)r1cs.NPubIn);
        writer.U32((uint)r1cs.NPrvIn);
        writer.U64(r1cs.NLabels);
        writer.U32((uint)r1cs.NConstraints);
        writer.EndSection();

        if (r1cs.WireLabels is { } labels)
        {
            writer.BeginSection(R1csReader.WireLabelsSection, 8L * labels.Length);
            writer.Records<ulong>(labels, 8, static (Span<byte> d, in ulong v) => BitConverter.TryWriteBytes(d, v));
            writer.EndSection();
        }
        writer.Finish();
    }
}
