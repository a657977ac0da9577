using ZkPot.Crypto;
using ZkPot.Snark.Formats;

namespace ZkPot.Snark.Setup;

/// <summary>
/// Phase 1 of the Groth16 setup, the "powers of tau", as snarkjs runs it (<c>powersoftau new | contribute | beacon</c>)
/// and byte for byte in its .ptau layout, so that each side checks and extends the other's files.
/// <para>
/// A contribution draws secrets x_tau, x_alpha, x_beta and multiplies point i of the tau series by x_tau^i, of the
/// alpha and beta series by x_alpha x_tau^i and x_beta x_tau^i, and [beta]G2 by x_beta: the accumulated secrets become
/// tau x_tau, alpha x_alpha, beta x_beta, unknown to anyone unless every contributor colludes. Its record carries a
/// proof of knowledge of each x bound to the challenge it answered (<see cref="PtauPublicKey"/>), and hashes: the
/// response hash (the previous challenge, the new points compressed, the key) and the next challenge (the response
/// hash and the new points uncompressed), which the next contribution answers. A random beacon is a contribution whose
/// secrets come from a public value nobody could predict (SHA-256 iterated 2^e times), so it can be re-derived.
/// </para>
/// </summary>
public static class Phase1Ceremony
{
    /// <summary>The response hash takes the new points one chunk at a time, as snarkjs does (1 MiB of affine points).</summary>
    const int G1Chunk = (1 << 20) / PointCodec.G1Size;
    const int G2Chunk = (1 << 20) / PointCodec.G2Size;

    /// <summary>The smallest and largest power a ceremony can have.</summary>
    public const int MinPower = 1;
    public const int MaxPower = PowersOfTau.MaxPower;

    /// <summary>A fresh file of the given power: every point a generator, no contributions (<c>powersoftau new bn128 POWER</c>).</summary>
    public static void New(int power, string outputPath)
    {
        RequirePower(power);
        PtauFile.WriteAtomically(outputPath, (stream, _) =>
        {
            var writer = BinaryFileWriter.Begin(stream, "ptau", 1, 7);
            PtauFile.WriteHeader(writer, power, power);
            foreach (var section in new[] { PtauFile.TauG1, PtauFile.TauG2, PtauFile.AlphaTauG1, PtauFile.BetaTauG1, PtauFile.BetaG2 })
            {
                var count = PtauFile.Count(section, power);
                writer.BeginSection(section, count * PtauFile.PointSize(section));
                for (long done = 0; done < count; done += G1Chunk)
                {
                    var n = (int)Math.Min(G1Chunk, count - done);
                    if (PtauFile.IsG2(section))
                        PtauFile.WriteG2(writer, Enumerable.Repeat(G2.Generator, n).ToArray());
                    else
                        PtauFile.WriteG1(writer, Enumerable.Repeat(G1.Generator, n).ToArray());
                }
                writer.EndSection();
            }
            PowersOfTauContribution.WriteSection(writer, []);
            writer.Finish();
        });
    }

    /// <summary>
    /// The challenge the first contributor answers: BLAKE2b-512 of the hash of nothing and the fresh file's points
    /// (generators, uncompressed), as snarkjs's <c>calculateFirstChallengeHash</c>.
    /// </summary>
    public static byte[] FirstChallenge(int power)
    {
        RequirePower(power);
        var hasher = new Blake2b();
        hasher.Append(new Blake2b().Finish());
        Span<byte> g1 = stackalloc byte[HashEncoding.G1Size];
        Span<byte> g2 = stackalloc byte[HashEncoding.G2Size];
        HashEncoding.WriteG1(g1, G1.Generator);
        HashEncoding.WriteG2(g2, G2.Generator);
        AppendRepeated(hasher, g1, PtauFile.Count(PtauFile.TauG1, power));
        AppendRepeated(hasher, g2, PtauFile.Count(PtauFile.TauG2, power));
        AppendRepeated(hasher, g1, PtauFile.Count(PtauFile.AlphaTauG1, power));
        AppendRepeated(hasher, g1, PtauFile.Count(PtauFile.BetaTauG1, power));
        hasher.Append(g2);
        return hasher.Finish();
    }

    static void AppendRepeated(Blake2b hasher, ReadOnlySpan<byte> item, long count)
    {
        const int perBlock = 4096;
        var block = new byte[item.Length * perBlock];
        for (var i = 0; i < perBlock; i++)
            item.CopyTo(block.AsSpan(i * item.Length));
        for (long done = 0; done < count; done += perBlock)
            hasher.Append(block.AsSpan(0, (int)Math.Min(perBlock, count - done) * item.Length));
    }

    /// <summary>The challenge the next contribution to this file answers.</summary>
    public static byte[] NextChallenge(PowersOfTau ptau) =>
        ptau.Contributions.Count > 0 ? ptau.Contributions[^1].NextChallenge.ToArray() : FirstChallenge(ptau.CeremonyPower);

    /// <summary>
    /// Adds a contribution with fresh secrets (64 bytes from the OS CSPRNG, hashed with <paramref name="entropy"/> when
    /// given) and writes the extended file; the secrets are not kept. Returns the new record (its response hash is what
    /// the contributor publishes).
    /// </summary>
    public static PowersOfTauContribution Contribute(PowersOfTau input, string outputPath, string? name, string? entropy = null) =>
        Contribute(input, outputPath, name, PtauRandom.ForContribution(entropy));

    /// <summary>The deterministic core: the secrets and proofs are drawn from <paramref name="rng"/> (tests replay it).</summary>
    internal static PowersOfTauContribution Contribute(PowersOfTau input, string outputPath, string? name, ChaChaStream rng)
    {
        RequireExtensible(input);
        var challenge = NextChallenge(input);
        var (tau, alpha, beta, key) = PtauPublicKey.Create(challenge, rng);
        return Apply(input, outputPath, challenge, tau, alpha, beta, key, PowersOfTauContribution.ContributionType, name, null, 0);
    }

    /// <summary>
    /// Adds a random beacon: secrets drawn from SHA-256 applied 2^<paramref name="exponent"/> times to
    /// <paramref name="beacon"/> (snarkjs requires 10 &lt;= exponent &lt;= 63 and 1 to 255 bytes of beacon).
    /// </summary>
    public static PowersOfTauContribution Beacon(PowersOfTau input, string outputPath, string? name, byte[] beacon, int exponent)
    {
        RequireBeacon(beacon, exponent);
        RequireExtensible(input);
        var challenge = NextChallenge(input);
        var (tau, alpha, beta, key) = BeaconKey(challenge, beacon, exponent);
        return Apply(input, outputPath, challenge, tau, alpha, beta, key, PowersOfTauContribution.BeaconType, name, beacon, exponent);
    }

    /// <summary>The secrets and key a beacon with these parameters gives for this challenge (anyone can recompute them).</summary>
    internal static (Fr Tau, Fr Alpha, Fr Beta, PtauPublicKey Key) BeaconKey(ReadOnlySpan<byte> challenge, byte[] beacon, int exponent) =>
        PtauPublicKey.Create(challenge, PtauRandom.ForBeacon(beacon, exponent));

    internal static void RequireBeacon(byte[] beacon, int exponent)
    {
        if (beacon.Length is 0 or > 255)
            throw new ArgumentException($"a beacon value holds 1 to 255 bytes, got {beacon.Length}", nameof(beacon));
        if (exponent is < 10 or > 63)
            throw new ArgumentOutOfRangeException(nameof(exponent), exponent, "the beacon's iteration exponent must lie in 10..63 (snarkjs's range)");
    }

    static void RequirePower(int power)
    {
        if (power is < MinPower or > MaxPower)
            throw new ArgumentOutOfRangeException(nameof(power), power, $"a ceremony's power lies in {MinPower}..{MaxPower}");
    }

    static void RequireExtensible(PowersOfTau input)
    {
        if (input.Power != input.CeremonyPower)
            throw new InvalidDataException($"{input.Name}: a reduced file (power {input.Power} of a {input.CeremonyPower} ceremony) cannot take a contribution");
    }

    static PowersOfTauContribution Apply(PowersOfTau input, string outputPath, byte[] challenge, Fr tau, Fr alpha, Fr beta,
        PtauPublicKey key, uint type, string? name, byte[]? beacon, int exponent)
    {
        if (name is not null && name.Length > PowersOfTauContribution.MaxNameLength)
            throw new ArgumentException($"a contribution name holds at most {PowersOfTauContribution.MaxNameLength} characters (snarkjs keeps no more), got {name.Length}", nameof(name));
        var power = input.Power;
        PowersOfTauContribution? record = null;
        PtauFile.WriteAtomically(outputPath, (stream, temporary) =>
        {
            var response = new Blake2b();
            response.Append(challenge);
            var writer = BinaryFileWriter.Begin(stream, "ptau", 1, 7);
            PtauFile.WriteHeader(writer, power, power);
            var tauSeries = ScaleG1(input, writer, response, PtauFile.TauG1, Fr.One, tau);
            var tauG2Series = ScaleG2(input, writer, response, PtauFile.TauG2, Fr.One, tau);
            var alphaSeries = ScaleG1(input, writer, response, PtauFile.AlphaTauG1, alpha, tau);
            var betaSeries = ScaleG1(input, writer, response, PtauFile.BetaTauG1, beta, tau);
            var betaG2 = ScaleG2(input, writer, response, PtauFile.BetaG2, beta, tau);
            writer.Finish();

            var partial = response.ExportPartial();
            response.Append(key.ToHashBytes());
            var next = new Blake2b();
            next.Append(response.Finish());
            HashWrittenSections(temporary, power, next);

            record = new PowersOfTauContribution
            {
                Number = input.Contributions.Count + 1, Name = name, Type = type,
                TauG1 = tauSeries[1], TauG2 = tauG2Series[1], AlphaG1 = alphaSeries[0], BetaG1 = betaSeries[0], BetaG2 = betaG2[0],
                Key = key, PartialHash = partial, NextChallenge = next.Finish(), BeaconValue = beacon, BeaconIterationsExponent = exponent,
            };
            PowersOfTauContribution.WriteSection(writer, [.. input.Contributions, record]);
            writer.Finish();
        });
        return record!;
    }

    /// <summary>Scales a G1 section chunk by chunk, writing and hashing it; returns its first two points.</summary>
    static G1Affine[] ScaleG1(PowersOfTau input, BinaryFileWriter writer, Blake2b response, uint section, Fr first, Fr step)
    {
        var count = PtauFile.Count(section, input.Power);
        writer.BeginSection(section, count * PointCodec.G1Size);
        var head = new List<G1Affine>(2);
        var compressed = new byte[G1Chunk * HashEncoding.G1CompressedSize];
        for (long start = 0; start < count; start += G1Chunk)
        {
            var n = (int)Math.Min(G1Chunk, count - start);
            var points = section switch
            {
                PtauFile.TauG1 => input.TauG1((int)start, n),
                PtauFile.AlphaTauG1 => input.AlphaTauG1((int)start, n),
                _ => input.BetaTauG1((int)start, n),
            };
            PointScaling.ByPowers<Fp>(points, first * step.Pow([(ulong)start]), step);
            PtauFile.WriteG1(writer, points);
            Parallel.For(0, n, i => HashEncoding.WriteG1Compressed(compressed.AsSpan(i * HashEncoding.G1CompressedSize), points[i]));
            response.Append(compressed.AsSpan(0, n * HashEncoding.G1CompressedSize));
            head.AddRange(points.Take(2 - head.Count));
        }
        writer.EndSection();
        return [.. head];
    }

    /// <summary>
    /// Scales a G2 section. Its points are first checked in the order-r subgroup: a point with a component of small
    /// order would make the output leak the secret modulo that order (and the GLV method assumes the subgroup).
    /// </summary>
    static G2Affine[] ScaleG2(PowersOfTau input, BinaryFileWriter writer, Blake2b response, uint section, Fr first, Fr step)
    {
        var count = PtauFile.Count(section, input.Power);
        writer.BeginSection(section, count * PointCodec.G2Size);
        var head = new List<G2Affine>(2);
        var compressed = new byte[G2Chunk * HashEncoding.G2CompressedSize];
        for (long start = 0; start < count; start += G2Chunk)
        {
            var n = (int)Math.Min(G2Chunk, count - start);
            var points = section == PtauFile.TauG2 ? input.TauG2((int)start, n) : [input.BetaG2()];
            var outside = G2.FirstOutsideSubgroup(points, infinityIsOutside: true);
            if (outside >= 0)
                throw new InvalidDataException($"{input.Name}: section {section}, point {start + outside} is {(points[outside].IsInfinity ? "the point at infinity" : "not in the order-r subgroup of G2")}; refusing to contribute to it");
            PointScaling.ByPowers<Fp2>(points, first * step.Pow([(ulong)start]), step);
            PtauFile.WriteG2(writer, points);
            Parallel.For(0, n, i => HashEncoding.WriteG2Compressed(compressed.AsSpan(i * HashEncoding.G2CompressedSize), points[i]));
            response.Append(compressed.AsSpan(0, n * HashEncoding.G2CompressedSize));
            head.AddRange(points.Take(2 - head.Count));
        }
        writer.EndSection();
        return [.. head];
    }

    /// <summary>Appends sections 2-6 of a file being written, uncompressed, to the next-challenge hash.</summary>
    static void HashWrittenSections(string path, int power, Blake2b hasher)
    {
        using var source = BinarySource.Open(path);
        long offset = 12 + 12 + PtauFile.HeaderSize;
        foreach (var section in new[] { PtauFile.TauG1, PtauFile.TauG2, PtauFile.AlphaTauG1, PtauFile.BetaTauG1, PtauFile.BetaG2 })
        {
            offset += 12;
            var count = PtauFile.Count(section, power);
            var size = PtauFile.PointSize(section);
            const int chunk = 1 << 16;
            for (long start = 0; start < count; start += chunk)
            {
                var n = (int)Math.Min(chunk, count - start);
                if (PtauFile.IsG2(section))
                    HashEncoding.AppendG2(hasher, RecordReader.Read(source, offset + start * size, n, size, $"section {section}", "point",
                        static (ReadOnlySpan<byte> r, out G2Affine p) => PointCodec.TryReadG2(r, out p)));
                else
                    HashEncoding.AppendG1(hasher, RecordReader.Read(source, offset + start * size, n, size, $"section {section}", "point",
                        static (ReadOnlySpan<byte> r, out G1Affine p) => PointCodec.TryReadG1(r, out p)));
            }
            offset += count * size;
        }
    }
}
