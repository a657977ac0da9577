namespace ZkPot.Snark.Formats;

/// <summary>Writes a .wtns file (version 2) in the layout snarkjs and circom's witness calculators produce.</summary>
public static class WitnessWriter
{
    public static void Write(Witness witness, string path)
    {
        ArgumentNullException.ThrowIfNull(witness);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        Write(witness, stream);
    }

    public static void Write(Witness witness, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(witness);
        var writer = BinaryFileWriter.Begin(stream, "wtns", 2, 2);
        writer.BeginSection(WitnessReader.HeaderSection, WitnessReader.HeaderSize);
        writer.U32(FieldCodec.Size);
        Span<byte> prime = stackalloc byte[FieldCodec.Size];
        FieldCodec.WriteInteger(prime, Fr.Modulus);
        writer.Write(prime);
        writer.U32((uint)witness.Count);
        writer.EndSection();

        writer.BeginSection(WitnessReader.ValuesSection, (long)witness.Count * FieldCodec.Size);
        writer.Records(witness.Values, FieldCodec.Size, static (Span<byte> d, in Fr v) => FieldCodec.WriteFr(d, v));
        writer.EndSection();
        writer.Finish();
    }
}
