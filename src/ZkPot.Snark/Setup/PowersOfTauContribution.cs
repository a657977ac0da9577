using System.Buffers.Binary;
using System.Text;
using ZkPot.Crypto;
using ZkPot.Snark.Formats;

namespace ZkPot.Snark.Setup;

/// <summary>
/// One phase-1 contribution as a .ptau records it (section 7, snarkjs's layout): the points it left behind ([tau]G1,
/// [tau]G2, [alpha]G1, [beta]G1, [beta]G2 of the accumulated secrets), its public key, the response hash's state
/// before the key was added (<see cref="Blake2b.ExportPartial"/>), the challenge it handed to the next contributor,
/// its type (0 a contribution, 1 a random beacon) and its parameters (name; beacon value and iteration exponent).
/// </summary>
public sealed class PowersOfTauContribution
{
    public const uint ContributionType = 0;
    public const uint BeaconType = 1;

    /// <summary>snarkjs keeps at most 64 characters of a name.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Bytes of a record without its parameters.</summary>
    internal const int FixedSize = 3 * PointCodec.G1Size + 2 * PointCodec.G2Size + PtauPublicKey.Size + Blake2b.PartialSize + Blake2b.HashSize + 4 + 4;

    /// <summary>Position in the chain, from 1, as snarkjs numbers contributions.</summary>
    public required int Number { get; init; }
    public string? Name { get; init; }
    public required uint Type { get; init; }
    public required G1Affine TauG1 { get; init; }
    public required G2Affine TauG2 { get; init; }
    public required G1Affine AlphaG1 { get; init; }
    public required G1Affine BetaG1 { get; init; }
    public required G2Affine BetaG2 { get; init; }
    public required PtauPublicKey Key { get; init; }
    public required byte[] PartialHash { get; init; }
    public required byte[] NextChallenge { get; init; }

    /// <summary>For a beacon: the public value its randomness comes from, and the exponent e of its 2^e SHA-256 iterations.</summary>
    public byte[]? BeaconValue { get; init; }
    public int BeaconIterationsExponent { get; init; }

    public bool IsBeacon => Type == BeaconType;

    /// <summary>The contribution's response hash (what snarkjs prints as "Response Hash" and a contributor publishes).</summary>
    public byte[] ResponseHash()
    {
        var hasher = Blake2b.FromPartial(PartialHash);
        hasher.Append(Key.ToHashBytes());
        return hasher.Finish();
    }

    /// <summary>The parameter block: name (type 1), then for a beacon the exponent (type 2) and the value (type 3).</summary>
    byte[] Parameters()
    {
        var bytes = new List<byte>();
        if (!string.IsNullOrEmpty(Name))
        {
            var name = Encoding.UTF8.GetBytes(Name.Length > MaxNameLength ? Name[..MaxNameLength] : Name);
            if (name.Length > 255)
                throw new InvalidOperationException($"contribution name takes {name.Length} bytes in UTF-8; at most 255 fit");
            bytes.Add(1);
            bytes.Add((byte)name.Length);
            bytes.AddRange(name);
        }
        if (IsBeacon)
        {
            var value = BeaconValue ?? throw new InvalidOperationException("a beacon contribution records its beacon value");
            bytes.Add(2);
            bytes.Add((byte)BeaconIterationsExponent);
            bytes.Add(3);
            bytes.Add((byte)value.Length);
            bytes.AddRange(value);
        }
        return [.. bytes];
    }

    internal int RecordSize => FixedSize + Parameters().Length;

    internal void WriteTo(BinaryFileWriter writer)
    {
        var fixedPart = new byte[FixedSize - 8];
        var span = fixedPart.AsSpan();
        PointCodec.WriteG1(span, TauG1);
        PointCodec.WriteG2(span[64..], TauG2);
        PointCodec.WriteG1(span[192..], AlphaG1);
        PointCodec.WriteG1(span[256..], BetaG1);
        PointCodec.WriteG2(span[320..], BetaG2);
        Key.WriteTo(span[448..]);
        PartialHash.CopyTo(span[(448 + PtauPublicKey.Size)..]);
        NextChallenge.CopyTo(span[(448 + PtauPublicKey.Size + Blake2b.PartialSize)..]);
        writer.Write(fixedPart);
        writer.U32(Type);
        var parameters = Parameters();
        writer.U32((uint)parameters.Length);
        writer.Write(parameters);
    }

    /// <summary>Reads record <paramref name="number"/> (from 1); points are checked on their curves, G2 points in the subgroup.</summary>
    internal static PowersOfTauContribution Read(ref SpanReader reader, int number)
    {
        var what = $"contribution {number}";
        G1Affine G1Point(ref SpanReader r, string name)
        {
            var why = PointCodec.TryReadG1(r.Take(PointCodec.G1Size, $"{what} {name}"), out var p);
            return why is null ? p : throw r.Error($"{what}: {name} is invalid: {why}");
        }
        G2Affine G2Point(ref SpanReader r, string name)
        {
            var why = PointCodec.TryReadG2(r.Take(PointCodec.G2Size, $"{what} {name}"), out var q);
            if (why is null && !q.IsInfinity && !G2.InSubgroup(q))
                why = "not in the order-r subgroup";
            return why is null ? q : throw r.Error($"{what}: {name} is invalid: {why}");
        }

        var tauG1 = G1Point(ref reader, "tau G1");
        var tauG2 = G2Point(ref reader, "tau G2");
        var alphaG1 = G1Point(ref reader, "alpha G1");
        var betaG1 = G1Point(ref reader, "beta G1");
        var betaG2 = G2Point(ref reader, "beta G2");
        var key = new PtauPublicKey(
            G1Point(ref reader, "key tau s"), G1Point(ref reader, "key tau sx"),
            G1Point(ref reader, "key alpha s"), G1Point(ref reader, "key alpha sx"),
            G1Point(ref reader, "key beta s"), G1Point(ref reader, "key beta sx"),
            G2Point(ref reader, "key tau spx"), G2Point(ref reader, "key alpha spx"), G2Point(ref reader, "key beta spx"));
        var partial = reader.Take(Blake2b.PartialSize, what + " partial hash").ToArray();
        var next = reader.Take(Blake2b.HashSize, what + " next challenge").ToArray();
        var type = reader.U32(what + " type");
        if (type is not (ContributionType or BeaconType))
            throw reader.Error($"{what}: type {type} is neither a contribution (0) nor a beacon (1)");
        var length = reader.U32(what + " parameters length");
        if (length > reader.Remaining)
            throw reader.Error($"{what} declares {length} bytes of parameters but {reader.Remaining} remain");
        var parameters = reader.Take((int)length, what + " parameters");
        string? name = null;
        byte[]? beacon = null;
        var exponent = -1;
        var last = 0;
        var at = 0;
        byte Next(ReadOnlySpan<byte> p, ref int position, ref SpanReader r)
        {
            if (position >= p.Length)
                throw r.Error($"{what}: its parameters end inside a parameter");
            return p[position++];
        }
        while (at < parameters.Length)
        {
            var parameter = parameters[at++];
            if (parameter <= last)
                throw reader.Error($"{what}: parameter type {parameter} follows {last}; they must be in ascending order");
            last = parameter;
            switch (parameter)
            {
                case 1:
                case 3:
                    var n = Next(parameters, ref at, ref reader);
                    if (at + n > parameters.Length)
                        throw reader.Error($"{what}: parameter {parameter} runs past the end of its parameters");
                    if (parameter == 1)
                        name = Encoding.UTF8.GetString(parameters.Slice(at, n));
                    else
                        beacon = parameters.Slice(at, n).ToArray();
                    at += n;
                    break;
                case 2:
                    exponent = Next(parameters, ref at, ref reader);
                    break;
                default:
                    throw reader.Error($"{what}: unknown parameter type {parameter}");
            }
        }
        if (type == BeaconType && (beacon is null || exponent < 0))
            throw reader.Error($"{what} is a beacon without its beacon value and iteration exponent");
        return new PowersOfTauContribution
        {
            Number = number, Name = name, Type = type, TauG1 = tauG1, TauG2 = tauG2, AlphaG1 = alphaG1, BetaG1 = betaG1,
            BetaG2 = betaG2, Key = key, PartialHash = partial, NextChallenge = next, BeaconValue = beacon,
            BeaconIterationsExponent = Math.Max(exponent, 0),
        };
    }

    /// <summary>Section 7's content for a list of records.</summary>
    internal static long SectionSize(IReadOnlyList<PowersOfTauContribution> records) => 4 + records.Sum(r => (long)r.RecordSize);

    internal static void WriteSection(BinaryFileWriter writer, IReadOnlyList<PowersOfTauContribution> records)
    {
        writer.BeginSection(7, SectionSize(records));
        writer.U32((uint)records.Count);
        foreach (var record in records)
            record.WriteTo(writer);
        writer.EndSection();
    }
}
