using ZkPot.Crypto;
using ZkPot.Snark.Formats;

namespace ZkPot.Snark.Setup;

/// <summary>
/// A snarkjs powers-of-tau file (.ptau, iden3 container, magic "ptau", version 1) over BN254, opened for reading.
/// Sections: 1 header (n8, q, power, ceremonyPower); 2 tau^i G1 for i &lt; 2^(power+1) - 1; 3 tau^i G2, 4 alpha tau^i G1,
/// 5 beta tau^i G1, each for i &lt; 2^power; 6 beta G2; 7 the contributions; and, once prepared for phase 2
/// (<c>snarkjs powersoftau prepare phase2</c>), 12-15 the same four series in the Lagrange basis of every domain 2^0 ..
/// 2^power, one after the other (section 12 also 2^(power+1), computed with the missing top power taken as zero).
/// Points are affine, Montgomery form, little-endian, like a .zkey's.
/// </summary>
/// <remarks>
/// Opening checks the header, every section's exact size and the contributions section. Points are read on demand,
/// since a large ceremony holds gigabytes: each point read is checked on its curve (G2 points of the bulk series not in
/// the subgroup, as <see cref="ZKeyReader"/> explains), and <see cref="CheckConsistency"/> checks that the series used
/// for a domain really are powers of one tau with the right alpha and beta, and that the Lagrange sections match them.
/// </remarks>
public sealed class PowersOfTau : IDisposable
{
    const uint HeaderSection = 1;
    const uint TauG1Section = 2;
    const uint TauG2Section = 3;
    const uint AlphaTauG1Section = 4;
    const uint BetaTauG1Section = 5;
    const uint BetaG2Section = 6;
    const uint ContributionsSection = 7;
    const uint LagrangeTauG1Section = 12;
    const uint LagrangeTauG2Section = 13;
    const uint LagrangeAlphaTauG1Section = 14;
    const uint LagrangeBetaTauG1Section = 15;
    const int HeaderSize = 4 + 32 + 4 + 4;

    /// <summary>
    /// The largest power a file can have: Fr's 2-adicity (the Hermez ceremony's final file is power 28). Groth16 setup
    /// serves domains up to 2^27 from it, since the H points need the 2n-th roots of unity.
    /// </summary>
    public const int MaxPower = NttRoots.TwoAdicity;

    readonly BinarySource _source;
    readonly SectionTable _table;

    PowersOfTau(BinarySource source, SectionTable table, int power, int ceremonyPower, PowersOfTauContribution[] contributions, bool prepared)
    {
        _source = source;
        _table = table;
        Power = power;
        CeremonyPower = ceremonyPower;
        Contributions = contributions;
        IsPrepared = prepared;
    }

    /// <summary>log2 of the largest domain the file serves: circuits of up to 2^Power rows (constraints + public + 1).</summary>
    public int Power { get; }

    /// <summary>The power the ceremony was run at; a truncated file has a smaller <see cref="Power"/>.</summary>
    public int CeremonyPower { get; }

    public IReadOnlyList<PowersOfTauContribution> Contributions { get; }

    /// <summary>Whether the Lagrange sections 12-15 are present (<c>snarkjs powersoftau prepare phase2</c> was run).</summary>
    public bool IsPrepared { get; }

    /// <summary>How errors refer to the file.</summary>
    public string Name => _source.Name;

    public static PowersOfTau Open(string path)
    {
        var source = BinarySource.Open(path);
        try
        {
            return Open(source);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>Reads from a seekable stream, which must stay open while the object is used; <paramref name="name"/> names it in errors.</summary>
    public static PowersOfTau Open(Stream stream, string name)
    {
        var source = BinarySource.FromStream(stream, name);
        try
        {
            return Open(source);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    static PowersOfTau Open(BinarySource source)
    {
        var table = SectionTable.Read(source, "ptau", 1, Describe);
        var (power, ceremonyPower) = ReadHeader(source, table);
        long n = 1L << power;
        RequirePoints(table, TauG1Section, 2 * n - 1, PointCodec.G1Size, "2^(power+1) - 1 G1 points");
        RequirePoints(table, TauG2Section, n, PointCodec.G2Size, "2^power G2 points");
        RequirePoints(table, AlphaTauG1Section, n, PointCodec.G1Size, "2^power G1 points");
        RequirePoints(table, BetaTauG1Section, n, PointCodec.G1Size, "2^power G1 points");
        RequirePoints(table, BetaG2Section, 1, PointCodec.G2Size, "one G2 point");
        var contributions = ReadContributions(source, table);

        var prepared = table.Find(LagrangeTauG1Section) is not null;
        if (prepared)
        {
            RequirePoints(table, LagrangeTauG1Section, 4 * n - 1, PointCodec.G1Size, "the Lagrange bases of domains 2^0..2^(power+1)");
            RequirePoints(table, LagrangeTauG2Section, 2 * n - 1, PointCodec.G2Size, "the Lagrange bases of domains 2^0..2^power");
            RequirePoints(table, LagrangeAlphaTauG1Section, 2 * n - 1, PointCodec.G1Size, "the Lagrange bases of domains 2^0..2^power");
            RequirePoints(table, LagrangeBetaTauG1Section, 2 * n - 1, PointCodec.G1Size, "the Lagrange bases of domains 2^0..2^power");
        }
        else
        {
            foreach (var type in new[] { LagrangeTauG2Section, LagrangeAlphaTauG1Section, LagrangeBetaTauG1Section })
            {
                if (table.Find(type) is not null)
                    throw source.Error($"section {type} ({Describe(type)}) is present but section 12 is not: a partly prepared file");
            }
        }
        foreach (var type in table.Types)
        {
            if (type is not (>= HeaderSection and <= ContributionsSection) and not (>= LagrangeTauG1Section and <= LagrangeBetaTauG1Section))
                throw source.Error($"section {type} is not part of a powers-of-tau file");
        }
        return new PowersOfTau(source, table, power, ceremonyPower, contributions, prepared);
    }

    static string Describe(uint type) => type switch
    {
        HeaderSection => "header",
        TauG1Section => "tau G1",
        TauG2Section => "tau G2",
        AlphaTauG1Section => "alpha tau G1",
        BetaTauG1Section => "beta tau G1",
        BetaG2Section => "beta G2",
        ContributionsSection => "contributions",
        LagrangeTauG1Section => "Lagrange tau G1",
        LagrangeTauG2Section => "Lagrange tau G2",
        LagrangeAlphaTauG1Section => "Lagrange alpha tau G1",
        LagrangeBetaTauG1Section => "Lagrange beta tau G1",
        _ => "unknown",
    };

    static string Label(uint type) => $"section {type} ({Describe(type)})";

    static (int Power, int CeremonyPower) ReadHeader(BinarySource source, SectionTable table)
    {
        var section = table.Require(HeaderSection);
        var label = Label(HeaderSection);
        var bytes = source.ReadArray(section.Offset, Math.Min(section.Size, HeaderSize), label);
        var reader = new SpanReader(bytes, source, label);
        var n8 = reader.U32("n8");
        if (n8 != 32)
            throw reader.Error($"ptau of another curve: n8 = {n8}, BN254 has 32");
        var q = FieldCodec.ReadInteger(reader.Take(32, "q"));
        if (q != Fp.Modulus)
            throw reader.Error($"ptau of another curve: q = {q} is not BN254's base field p");
        table.RequireSize(section, HeaderSize, "n8, q, power, ceremonyPower");
        var power = reader.U32("power");
        var ceremonyPower = reader.U32("ceremonyPower");
        reader.End();
        if (power > MaxPower)
            throw reader.Error($"power {power} is above {MaxPower}, the most BN254's roots of unity allow");
        if (ceremonyPower < power || ceremonyPower > MaxPower)
            throw reader.Error($"ceremonyPower {ceremonyPower} must lie between power {power} and {MaxPower}");
        return ((int)power, (int)ceremonyPower);
    }

    static void RequirePoints(SectionTable table, uint type, long count, int size, string because) =>
        table.RequireSize(table.Require(type), count * size, $"{count} points: {because}");

    static PowersOfTauContribution[] ReadContributions(BinarySource source, SectionTable table)
    {
        var section = table.Require(ContributionsSection);
        var label = Label(ContributionsSection);
        if (section.Size > 1 << 24)
            throw source.Error($"{label}: {section.Size} bytes is far more than any ceremony record");
        var reader = new SpanReader(source.ReadArray(section.Offset, section.Size, label), source, label);
        var count = reader.U32("number of contributions");
        if ((ulong)count * PowersOfTauContribution.FixedSize > (ulong)reader.Remaining)
            throw reader.Error($"{count} contributions cannot fit in the {reader.Remaining} bytes left");
        var result = new PowersOfTauContribution[count];
        for (var i = 0; i < count; i++)
            result[i] = PowersOfTauContribution.Read(ref reader, i + 1);
        reader.End();
        return result;
    }

    /// <summary>The raw bytes of section <paramref name="type"/> from <paramref name="offset"/>, for copying a file's sections unchanged.</summary>
    internal byte[] SectionBytes(uint type, long offset, int count)
    {
        var section = _table.Require(type);
        if (offset < 0 || count < 0 || offset + count > section.Size)
            throw new ArgumentOutOfRangeException(nameof(offset), $"bytes [{offset}, {offset + count}) lie outside {Label(type)}'s {section.Size}");
        return _source.ReadArray(section.Offset + offset, count, Label(type));
    }

    /// <summary>The size of section <paramref name="type"/> in bytes.</summary>
    internal long SectionSize(uint type) => _table.Require(type).Size;

    /// <summary>[tau^i]G1 for i in [start, start + count).</summary>
    public G1Affine[] TauG1(int start, int count) => ReadG1(TauG1Section, start, count);

    /// <summary>
    /// The 64 bytes that follow section 2 in the file (the next section's header and first bytes), which snarkjs reads as
    /// one more tau G1 point when it hashes a key whose domain fills the file; null when section 2 ends the file.
    /// </summary>
    internal byte[]? BytesAfterTauG1()
    {
        var section = _table.Require(TauG1Section);
        var end = section.Offset + section.Size;
        return end + PointCodec.G1Size <= _source.Length ? _source.ReadArray(end, PointCodec.G1Size, $"the bytes after {Label(TauG1Section)}") : null;
    }

    /// <summary>[tau^i]G2 for i in [start, start + count).</summary>
    public G2Affine[] TauG2(int start, int count) => ReadG2(TauG2Section, start, count);

    /// <summary>[alpha tau^i]G1 for i in [start, start + count).</summary>
    public G1Affine[] AlphaTauG1(int start, int count) => ReadG1(AlphaTauG1Section, start, count);

    /// <summary>[beta tau^i]G1 for i in [start, start + count).</summary>
    public G1Affine[] BetaTauG1(int start, int count) => ReadG1(BetaTauG1Section, start, count);

    /// <summary>[beta]G2, checked to be in the order-r subgroup and not the point at infinity.</summary>
    public G2Affine BetaG2()
    {
        var beta = ReadG2(BetaG2Section, 0, 1)[0];
        if (beta.IsInfinity || !G2.InSubgroup(beta))
            throw _source.Error($"{Label(BetaG2Section)}: beta G2 is {(beta.IsInfinity ? "the point at infinity" : "not in the order-r subgroup")}");
        return beta;
    }

    /// <summary>[L_j(tau)]G1 for the 2^domainPower-th roots of unity, j in natural order; domainPower may reach Power + 1.</summary>
    public G1Affine[] LagrangeTauG1(int domainPower) => ReadLagrangeG1(LagrangeTauG1Section, domainPower, Power + 1);

    /// <summary>[L_j(tau)]G2 for the 2^domainPower-th roots of unity.</summary>
    public G2Affine[] LagrangeTauG2(int domainPower)
    {
        RequirePrepared(domainPower, Power);
        var n = 1 << domainPower;
        return ReadG2(LagrangeTauG2Section, n - 1, n, $"domain 2^{domainPower}, ");
    }

    /// <summary>[alpha L_j(tau)]G1 for the 2^domainPower-th roots of unity.</summary>
    public G1Affine[] LagrangeAlphaTauG1(int domainPower) => ReadLagrangeG1(LagrangeAlphaTauG1Section, domainPower, Power);

    /// <summary>[beta L_j(tau)]G1 for the 2^domainPower-th roots of unity.</summary>
    public G1Affine[] LagrangeBetaTauG1(int domainPower) => ReadLagrangeG1(LagrangeBetaTauG1Section, domainPower, Power);

    G1Affine[] ReadLagrangeG1(uint type, int domainPower, int maxPower)
    {
        RequirePrepared(domainPower, maxPower);
        var n = 1 << domainPower;
        return ReadG1(type, n - 1, n, $"domain 2^{domainPower}, ");
    }

    void RequirePrepared(int domainPower, int maxPower)
    {
        if (!IsPrepared)
            throw _source.Error("the file is not prepared for phase 2 (no Lagrange sections 12-15); run `snarkjs powersoftau prepare phase2` on it");
        if (domainPower < 0 || domainPower > maxPower)
            throw new ArgumentOutOfRangeException(nameof(domainPower), domainPower, $"{Name} has Lagrange bases for domains 2^0..2^{maxPower}");
    }

    G1Affine[] ReadG1(uint type, int start, int count, string where = "")
    {
        var section = _table.Require(type);
        RequireRange(section, start, count, PointCodec.G1Size);
        var points = RecordReader.Read(_source, section.Offset + (long)start * PointCodec.G1Size, count, PointCodec.G1Size,
            $"{Label(type)}, {where}from index {start}", "point", static (ReadOnlySpan<byte> r, out G1Affine p) => PointCodec.TryReadG1(r, out p));
        return points;
    }

    G2Affine[] ReadG2(uint type, int start, int count, string where = "")
    {
        var section = _table.Require(type);
        RequireRange(section, start, count, PointCodec.G2Size);
        return RecordReader.Read(_source, section.Offset + (long)start * PointCodec.G2Size, count, PointCodec.G2Size,
            $"{Label(type)}, {where}from index {start}", "point", static (ReadOnlySpan<byte> r, out G2Affine p) => PointCodec.TryReadG2(r, out p));
    }

    static void RequireRange(Section section, int start, int count, int size)
    {
        var available = section.Size / size;
        if (start < 0 || count < 0 || start + (long)count > available)
            throw new ArgumentOutOfRangeException(nameof(start), $"points [{start}, {start + (long)count}) are outside section {section.Type}'s {available}");
    }

    /// <summary>
    /// Checks, with random linear combinations and pairings, what setup for a 2^domainPower domain relies on: tau G1
    /// up to 2n - 1 (where present), tau G2, alpha tau G1 and beta tau G1 up to n - 1 are powers of one tau (G1 and G2 starting at the
    /// generators), beta G2 matches beta G1, and the Lagrange sections for the domain (and section 12's for 2n) are
    /// the inverse transforms of those powers. Throws <see cref="InvalidDataException"/> naming the first series that
    /// is inconsistent. The combinations use random 64-bit scalars, so an inconsistent file passes with probability at
    /// most 2^-64 per check.
    /// </summary>
    public void CheckConsistency(int domainPower)
    {
        RequirePrepared(domainPower, Power);
        var n = 1 << domainPower;
        // Up to tau^(2n-1) for the 2n domain's Lagrange check, where the file has it (it lacks it only when 2n = 2^(power+1)).
        var tauG1 = TauG1(0, (int)Math.Min(2L * n, (2L << Power) - 1));
        var tauG2 = TauG2(0, n);
        var alphaTau = AlphaTauG1(0, n);
        var betaTau = BetaTauG1(0, n);
        var betaG2 = BetaG2();

        if (tauG1[0] != G1.Generator)
            throw _source.Error($"{Label(TauG1Section)}: the first point is not the G1 generator");
        if (tauG2[0] != G2.Generator)
            throw _source.Error($"{Label(TauG2Section)}: the first point is not the G2 generator");
        var tauG2One = n > 1 ? tauG2[1] : TauG2(1, 1)[0];
        if (tauG2One.IsInfinity || !G2.InSubgroup(tauG2One))
            throw _source.Error($"{Label(TauG2Section)}: [tau]G2 is the point at infinity or outside the order-r subgroup");
        if (alphaTau[0].IsInfinity || betaTau[0].IsInfinity)
            throw _source.Error($"{Label(AlphaTauG1Section)}/{Label(BetaTauG1Section)}: alpha or beta is zero");

        var g2 = new G2Prepared(G2.Generator);
        var tauPrepared = new G2Prepared(tauG2One);
        // e(sum rho_i P_{i+1}, G2) = e(sum rho_i P_i, tau G2) for each G1 series.
        CheckShifted(tauG1, g2, tauPrepared, TauG1Section);
        CheckShifted(alphaTau, g2, tauPrepared, AlphaTauG1Section);
        CheckShifted(betaTau, g2, tauPrepared, BetaTauG1Section);
        if (tauG2.Length > 1)
        {
            var rho = ShortScalars.Random(tauG2.Length - 1);
            var low = CpuMsm.Shared.MultiExp(tauG2.AsSpan(0, tauG2.Length - 1), rho).ToAffine();
            var high = CpuMsm.Shared.MultiExp(tauG2.AsSpan(1), rho).ToAffine();
            if (!SameRatio(G1.Generator, tauG1[1], low, high))
                throw _source.Error($"{Label(TauG2Section)}: the points are not successive powers of the tau of section 2");
        }
        if (!Pairing.Check([betaTau[0].Negate(), G1.Generator], [g2, new G2Prepared(betaG2)]))
            throw _source.Error($"{Label(BetaG2Section)}: beta G2 does not match beta G1 (section 5's first point)");

        CheckLagrange(LagrangeTauG1(domainPower), tauG1.AsSpan(0, n), LagrangeTauG1Section, domainPower);
        CheckLagrange(LagrangeTauG1(domainPower + 1), tauG1, LagrangeTauG1Section, domainPower + 1);
        CheckLagrange(LagrangeAlphaTauG1(domainPower), alphaTau, LagrangeAlphaTauG1Section, domainPower);
        CheckLagrange(LagrangeBetaTauG1(domainPower), betaTau, LagrangeBetaTauG1Section, domainPower);
        var (coefficients, values) = InterpolationPair(n, n);
        if (!CpuMsm.Shared.MultiExp(LagrangeTauG2(domainPower), values).IsSamePoint(CpuMsm.Shared.MultiExp(tauG2, coefficients)))
            throw _source.Error($"{Label(LagrangeTauG2Section)}: domain 2^{domainPower} is not the Lagrange basis of section {TauG2Section}");
    }

    void CheckShifted(G1Affine[] series, G2Prepared g2, G2Prepared tau, uint type)
    {
        if (series.Length < 2)
            return;
        var rho = ShortScalars.Random(series.Length - 1);
        var low = CpuMsm.Shared.MultiExp(series.AsSpan(0, series.Length - 1), rho).ToAffine();
        var high = CpuMsm.Shared.MultiExp(series.AsSpan(1), rho).ToAffine();
        if (!Pairing.Check([high, low.Negate()], [g2, tau]))
            throw _source.Error($"{Label(type)}: the points are not successive powers of the tau of section 3");
    }

    /// <summary>
    /// sum_j v_j L_j = sum_k c_k P_k for random c and v its transform (the polynomial with coefficients c evaluated on
    /// the domain). A power missing from the series (section 12 at 2^(power+1), whose top power snarkjs took as zero
    /// when it prepared the file) gets coefficient 0.
    /// </summary>
    void CheckLagrange(G1Affine[] lagrange, ReadOnlySpan<G1Affine> powers, uint type, int domainPower)
    {
        var m = Math.Min(powers.Length, lagrange.Length);
        var (coefficients, values) = InterpolationPair(lagrange.Length, m);
        if (!CpuMsm.Shared.MultiExp(lagrange, values).IsSamePoint(CpuMsm.Shared.MultiExp(powers[..m], coefficients.AsSpan(0, m))))
            throw _source.Error($"{Label(type)}: domain 2^{domainPower} is not the Lagrange basis of the powers it derives from");
    }

    /// <summary>
    /// Random 64-bit coefficients (the first <paramref name="used"/> of <paramref name="size"/>, the rest zero) and
    /// their polynomial's values on the domain of that size. Short coefficients make one side of each check a cheap
    /// MSM; a wrong basis still passes with probability at most 2^-64.
    /// </summary>
    static (Fr[] Coefficients, Fr[] Values) InterpolationPair(int size, int used)
    {
        var coefficients = new Fr[size];
        ShortScalars.Random(used).CopyTo(coefficients, 0);
        var values = coefficients.ToArray();
        CpuNtt.Shared.Forward(values);
        return (coefficients, values);
    }

    static bool SameRatio(in G1Affine a, in G1Affine b, in G2Affine c, in G2Affine d) =>
        Pairing.Check([a, b.Negate()], [new G2Prepared(d), new G2Prepared(c)]);

    public void Dispose() => _source.Dispose();
}
