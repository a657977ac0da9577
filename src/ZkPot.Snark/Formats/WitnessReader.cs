namespace ZkPot.Snark.Formats;

/// <summary>
/// Reads a .wtns file (version 2, as circom's witness calculators and snarkjs write it): section 1 holds the field
/// size, the prime and the number of values; section 2 the values, 32 bytes each, canonical little-endian, each below r.
/// </summary>
public static class WitnessReader
{
    internal const uint HeaderSection = 1;
    internal const uint ValuesSection = 2;
    internal const int HeaderSize = 4 + FieldCodec.Size + 4;

    public static Witness Read(string path)
    {
        using var source = BinarySource.Open(path);
        return Read(source);
    }

    /// <summary>Reads from a stream; <paramref name="name"/> is how error messages refer to it.</summary>
    public static Witness Read(Stream stream, string name)
    {
        using var source = BinarySource.FromStream(stream, name);
        return Read(source);
    }

    internal static string Describe(uint type) => type switch
    {
        HeaderSection => "header",
        ValuesSection => "witness values",
        _ => "unknown",
    };

    static Witness Read(BinarySource source)
    {
        var table = SectionTable.Read(source, "wtns", 2, Describe);
        foreach (var type in table.Types)
        {
            if (type is not (HeaderSection or ValuesSection))
                throw source.Error($"section {type} is not part of a .wtns file");
        }

        var header = table.Require(HeaderSection);
        const string label = "section 1 (header)";
        var bytes = source.ReadArray(header.Offset, Math.Min(header.Size, HeaderSize), label);
        var reader = new SpanReader(bytes, source, label);
        var n8 = reader.U32("field size");
        if (n8 != FieldCodec.Size)
            throw reader.Error($"witness over another field: elements of {n8} bytes, expected {FieldCodec.Size} for BN254's scalar field r");
        var prime = FieldCodec.ReadInteger(reader.Take(FieldCodec.Size, "prime"));
        if (prime != Fr.Modulus)
            throw reader.Error($"witness over another field: prime {prime} is not BN254's scalar field r = {Fr.Modulus}");
        table.RequireSize(header, HeaderSize, "header of a 32-byte field");
        var count = reader.U32("number of values");
        if (count == 0 || count > int.MaxValue)
            throw reader.Error($"number of values {count} is out of range 1..{int.MaxValue}");

        var values = table.Require(ValuesSection);
        table.RequireSize(values, (long)count * FieldCodec.Size, $"{count} values of {FieldCodec.Size} bytes");
        var result = RecordReader.Read(source, values.Offset, (int)count, FieldCodec.Size, "section 2 (witness values)", "value",
            static (ReadOnlySpan<byte> r, out Fr v) => FieldCodec.TryReadFr(r, out v) ? null : "value is not below r");
        return new Witness(result);
    }
}
