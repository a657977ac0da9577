using System.Buffers.Binary;
using System.Numerics;
using ZkPot.Crypto;

namespace ZkPot.Snark.Formats;

/// <summary>
/// Reads a Groth16 .zkey as snarkjs writes it (version 1, sections 1-10), over BN254 only. Everything is checked:
/// exact section sizes from the header's counts, every coordinate below p, every point on its curve, every
/// coefficient below r and inside the key's rows and signals.
/// </summary>
/// <remarks>
/// G2 subgroup membership is checked for the verification-key points (beta2, gamma2, delta2) and the contributions'
/// proof points, but not for the B2 vector: a key can hold 2^20 B2 points and a subgroup check costs a 128-bit
/// scalar multiplication each (minutes on two cores), while on-curve costs a few multiplications. Verification's
/// soundness rests only on the verification-key points; a B2 point outside the subgroup can only make the prover's
/// own proofs fail to verify.
/// </remarks>
public static class ZKeyReader
{
    internal const uint ProtocolSection = 1;
    internal const uint HeaderSection = 2;
    internal const uint ICSection = 3;
    internal const uint CoefficientsSection = 4;
    internal const uint ASection = 5;
    internal const uint B1Section = 6;
    internal const uint B2Section = 7;
    internal const uint CSection = 8;
    internal const uint HSection = 9;
    internal const uint ContributionsSection = 10;
    internal const uint CommitmentSection = 11;
    internal const uint CommitmentBasesSection = 12;
    internal const uint SigmaBasesSection = 13;
    internal const uint Groth16Protocol = 1;
    const uint PlonkProtocol = 2;
    const uint FflonkProtocol = 10;

    internal const int HeaderSize = 4 + ZKeyHeader.N8q + 4 + ZKeyHeader.N8r + 3 * 4 + 3 * PointCodec.G1Size + 3 * PointCodec.G2Size;
    internal const int CoefficientSize = 3 * 4 + FieldCodec.Size;

    public static ZKey Read(string path)
    {
        using var source = BinarySource.Open(path);
        return Read(source);
    }

    /// <summary>Reads from a stream; <paramref name="name"/> is how error messages refer to it.</summary>
    public static ZKey Read(Stream stream, string name)
    {
        using var source = BinarySource.FromStream(stream, name);
        return Read(source);
    }

    internal static string Describe(uint type) => type switch
    {
        ProtocolSection => "protocol",
        HeaderSection => "Groth16 header",
        ICSection => "IC points",
        CoefficientsSection => "coefficients",
        ASection => "A points",
        B1Section => "B1 points",
        B2Section => "B2 points",
        CSection => "C points",
        HSection => "H points",
        ContributionsSection => "contributions",
        CommitmentSection => "commitment header",
        CommitmentBasesSection => "commitment bases",
        SigmaBasesSection => "sigma bases",
        _ => "unknown",
    };

    static string Label(uint type) => $"section {type} ({Describe(type)})";

    static ZKey Read(BinarySource source)
    {
        var table = SectionTable.Read(source, "zkey", 1, Describe);
        RequireGroth16(source, table);
        foreach (var type in table.Types)
        {
            if (type is < ProtocolSection or > SigmaBasesSection)
                throw source.Error($"section {type} is not part of a Groth16 .zkey");
        }

        var header = ReadHeader(source, table);
        var ic = ReadG1Section(source, table, ICSection, header.NPublic + 1, $"nPublic + 1 = {header.NPublic + 1} points");
        var coefficients = ReadCoefficients(source, table, header);
        var a = ReadG1Section(source, table, ASection, header.NVars, $"nVars = {header.NVars} points");
        var b1 = ReadG1Section(source, table, B1Section, header.NVars, $"nVars = {header.NVars} points");
        var b2Section = table.Require(B2Section);
        table.RequireSize(b2Section, (long)header.NVars * PointCodec.G2Size, $"nVars = {header.NVars} points");
        var b2 = RecordReader.Read(source, b2Section.Offset, header.NVars, PointCodec.G2Size, Label(B2Section), "point",
            static (ReadOnlySpan<byte> r, out G2Affine p) => PointCodec.TryDecodeG2(r, out p));
        RequireOnCurve(source, B2Section, b2, static s => G2.FirstOffCurve(s), PointCodec.OffG2);
        var privateCount = header.NVars - header.NPublic - 1;
        var c = ReadG1Section(source, table, CSection, privateCount, $"nVars - nPublic - 1 = {privateCount} points");
        var h = ReadG1Section(source, table, HSection, header.DomainSize, $"domainSize = {header.DomainSize} points");

        var contributionsSection = table.Require(ContributionsSection);
        var label = Label(ContributionsSection);
        var contributions = ZKeyContributions.Parse(source.ReadArray(contributionsSection.Offset, contributionsSection.Size, label), source, label);
        var commitment = ReadCommitment(source, table, privateCount);
        try
        {
            return new ZKey(header, ic, coefficients, a, b1, b2, c, h, contributions, commitment);
        }
        catch (ArgumentException e)
        {
            throw source.Error(e.Message);
        }
    }

    /// <summary>Sections 11-13 of a commit-and-prove key (all three or none); points checked on the curve, sigma in the subgroup.</summary>
    static ZKeyCommitment? ReadCommitment(BinarySource source, SectionTable table, int privateCount)
    {
        var present = new[] { CommitmentSection, CommitmentBasesSection, SigmaBasesSection }.Count(t => table.Find(t) is not null);
        if (present == 0)
            return null;
        if (present != 3)
            throw source.Error("sections 11-13 (the commitment) are partly present: all three or none");
        var section = table.Require(CommitmentSection);
        var label = Label(CommitmentSection);
        var reader = new SpanReader(source.ReadArray(section.Offset, section.Size, label), source, label);
        var count = reader.U32("committed wires");
        if (count < 2 || count > privateCount)
            throw reader.Error($"{count} committed wires: at least one and the mask, at most the key's {privateCount} private wires");
        var sigma2 = G2Point(reader.Take(PointCodec.G2Size, "sigma2"), "sigma2", reader);
        var records = reader.U32("sigma contributions");
        if ((ulong)records * SigmaContribution.Size != (ulong)reader.Remaining)
            throw reader.Error($"{records} sigma records need {records * SigmaContribution.Size} bytes, {reader.Remaining} remain");
        var contributions = new SigmaContribution[records];
        for (var i = 0; i < records; i++)
        {
            var after = G1Point(reader.Take(PointCodec.G1Size, "sigma after"), $"sigma record {i + 1} sigma after", reader);
            var s = G1Point(reader.Take(PointCodec.G1Size, "g1_s"), $"sigma record {i + 1} g1_s", reader);
            var sx = G1Point(reader.Take(PointCodec.G1Size, "g1_sx"), $"sigma record {i + 1} g1_sx", reader);
            var spx = G2Point(reader.Take(PointCodec.G2Size, "g2_spx"), $"sigma record {i + 1} g2_spx", reader);
            contributions[i] = new SigmaContribution(after, s, sx, spx, reader.Take(SigmaContribution.TranscriptSize, "transcript").ToArray());
        }
        reader.End();
        var bases = ReadG1Section(source, table, CommitmentBasesSection, (int)count, $"{count} committed wires");
        var sigmaBases = ReadG1Section(source, table, SigmaBasesSection, (int)count, $"{count} committed wires");
        return new ZKeyCommitment(bases, sigmaBases, sigma2, contributions);
    }

    static G1Affine G1Point(ReadOnlySpan<byte> bytes, string name, SpanReader reader)
    {
        var why = PointCodec.TryReadG1(bytes, out var p);
        return why is null ? p : throw reader.Error($"{name}: {why}");
    }

    static G2Affine G2Point(ReadOnlySpan<byte> bytes, string name, SpanReader reader)
    {
        var why = PointCodec.TryReadG2(bytes, out var q);
        if (why is null && (q.IsInfinity || !G2.InSubgroup(q)))
            why = q.IsInfinity ? "the point at infinity" : "not in the order-r subgroup";
        return why is null ? q : throw reader.Error($"{name}: {why}");
    }

    static void RequireGroth16(BinarySource source, SectionTable table)
    {
        var section = table.Require(ProtocolSection);
        table.RequireSize(section, 4, "one u32 protocol id");
        Span<byte> bytes = stackalloc byte[4];
        source.Read(section.Offset, bytes, Label(ProtocolSection));
        var protocol = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        var name = protocol switch
        {
            Groth16Protocol => null,
            PlonkProtocol => "a PLONK zkey",
            FflonkProtocol => "an FFLONK zkey",
            _ => $"protocol id {protocol}, unknown",
        };
        if (name is not null)
            throw source.Error($"{Label(ProtocolSection)}: {name}; only Groth16 zkeys (protocol id 1) are supported");
    }

    static ZKeyHeader ReadHeader(BinarySource source, SectionTable table)
    {
        var section = table.Require(HeaderSection);
        var label = Label(HeaderSection);
        // Read at most one header's worth before the curve is known: another curve's header has another size.
        var bytes = source.ReadArray(section.Offset, Math.Min(section.Size, HeaderSize), label);
        var reader = new SpanReader(bytes, source, label);
        var n8q = reader.U32("n8q");
        if (n8q != ZKeyHeader.N8q)
            throw reader.Error($"zkey of another curve: n8q = {n8q}, BN254 has {ZKeyHeader.N8q}");
        var q = FieldCodec.ReadInteger(reader.Take(ZKeyHeader.N8q, "q"));
        if (q != ZKeyHeader.Q)
            throw reader.Error($"zkey of another curve: q = {q} is not BN254's base field p");
        var n8r = reader.U32("n8r");
        if (n8r != ZKeyHeader.N8r)
            throw reader.Error($"zkey of another curve: n8r = {n8r}, BN254 has {ZKeyHeader.N8r}");
        var r = FieldCodec.ReadInteger(reader.Take(ZKeyHeader.N8r, "r"));
        if (r != ZKeyHeader.R)
            throw reader.Error($"zkey of another curve: r = {r} is not BN254's scalar field r");
        table.RequireSize(section, HeaderSize, "BN254 Groth16 header");

        var nVars = reader.U32("nVars");
        var nPublic = reader.U32("nPublic");
        var domainSize = reader.U32("domainSize");
        if (nVars == 0 || nVars > int.MaxValue)
            throw reader.Error($"nVars {nVars} is out of range 1..{int.MaxValue}");
        if (nPublic >= nVars)
            throw reader.Error($"nPublic {nPublic} leaves no room for wire 0 among nVars {nVars}");
        if (!BitOperations.IsPow2(domainSize) || domainSize > ZKeyHeader.MaxDomainSize)
            throw reader.Error($"domainSize {domainSize} is not a power of two up to 2^28");

        var alpha1 = VkG1(ref reader, "alpha1");
        var beta1 = VkG1(ref reader, "beta1");
        var beta2 = VkG2(ref reader, "beta2");
        var gamma2 = VkG2(ref reader, "gamma2");
        var delta1 = VkG1(ref reader, "delta1");
        var delta2 = VkG2(ref reader, "delta2");
        reader.End();
        return new ZKeyHeader((int)nVars, (int)nPublic, (int)domainSize, alpha1, beta1, beta2, gamma2, delta1, delta2);
    }

    // The verification-key points must be proper group elements: infinity would void the proof's soundness.
    static G1Affine VkG1(ref SpanReader reader, string name)
    {
        var why = PointCodec.TryReadG1(reader.Take(PointCodec.G1Size, name), out var p);
        if (why is null && p.IsInfinity)
            why = "the point at infinity";
        return why is null ? p : throw reader.Error($"{name}: {why}");
    }

    static G2Affine VkG2(ref SpanReader reader, string name)
    {
        var why = PointCodec.TryReadG2(reader.Take(PointCodec.G2Size, name), out var p);
        if (why is null && p.IsInfinity)
            why = "the point at infinity";
        if (why is null && !G2.InSubgroup(p))
            why = "not in the order-r subgroup";
        return why is null ? p : throw reader.Error($"{name}: {why}");
    }

    static G1Affine[] ReadG1Section(BinarySource source, SectionTable table, uint type, int count, string because)
    {
        var section = table.Require(type);
        table.RequireSize(section, (long)count * PointCodec.G1Size, because);
        var points = RecordReader.Read(source, section.Offset, count, PointCodec.G1Size, Label(type), "point",
            static (ReadOnlySpan<byte> r, out G1Affine p) => PointCodec.TryDecodeG1(r, out p));
        RequireOnCurve(source, type, points, static s => G1.FirstOffCurve(s), PointCodec.OffG1);
        return points;
    }

    delegate int FirstOffCurve<T>(ReadOnlySpan<T> points);

    /// <summary>
    /// The curve check of a whole section, after decoding: chunks on all cores, eight points at a time within a chunk
    /// (G1.FirstOffCurve, G2.FirstOffCurve); reports the first bad point as the per-record check did.
    /// </summary>
    static void RequireOnCurve<T>(BinarySource source, uint type, T[] points, FirstOffCurve<T> firstOff, string reason)
    {
        // A multiple of eight, so only the last chunk has a tail off the lanes.
        int chunk = RecordReader.PerChunk(points.Length, 1 << 14) & ~7;
        int chunks = (points.Length + chunk - 1) / chunk;
        int first = int.MaxValue;
        Parallel.For(0, chunks, c =>
        {
            int from = c * chunk;
            int bad = firstOff(points.AsSpan(from, Math.Min(chunk, points.Length - from)));
            if (bad < 0) return;
            int index = from + bad, seen;
            while (index < (seen = Volatile.Read(ref first)) && Interlocked.CompareExchange(ref first, index, seen) != seen) { }
        });
        if (first != int.MaxValue) throw source.Error($"{Label(type)}, point {first}: {reason}");
    }

    static ZKeyCoefficient[] ReadCoefficients(BinarySource source, SectionTable table, ZKeyHeader header)
    {
        var section = table.Require(CoefficientsSection);
        var label = Label(CoefficientsSection);
        if (section.Size < 4)
            throw source.Error($"{label}: {section.Size} bytes cannot hold the u32 entry count");
        Span<byte> countBytes = stackalloc byte[4];
        source.Read(section.Offset, countBytes, label);
        var count = BinaryPrimitives.ReadUInt32LittleEndian(countBytes);
        table.RequireSize(section, 4 + (long)count * CoefficientSize, $"{count} entries of {CoefficientSize} bytes");
        if (count > Array.MaxLength)
            throw source.Error($"{label}: {count} entries are more than this reader supports");

        var rows = (uint)header.DomainSize;
        var signals = (uint)header.NVars;
        return RecordReader.Read(source, section.Offset + 4, (int)count, CoefficientSize, label, "entry",
            (ReadOnlySpan<byte> r, out ZKeyCoefficient entry) =>
            {
                entry = default;
                var matrix = BinaryPrimitives.ReadUInt32LittleEndian(r);
                var constraint = BinaryPrimitives.ReadUInt32LittleEndian(r[4..]);
                var signal = BinaryPrimitives.ReadUInt32LittleEndian(r[8..]);
                if (matrix > (uint)ZKeyMatrix.B)
                    return $"matrix {matrix} is neither A (0) nor B (1)";
                if (constraint >= rows)
                    return $"constraint {constraint} is not below domainSize {rows}";
                if (signal >= signals)
                    return $"signal {signal} is not below nVars {signals}";
                if (!FieldCodec.TryReadZKeyCoefficient(r[12..], out var value))
                    return "value is not below r";
                entry = new ZKeyCoefficient((ZKeyMatrix)matrix, constraint, signal, value);
                return null;
            });
    }
}
