using System.Text;
using ZkPot.Crypto;

namespace ZkPot.Snark.Formats;

/// <summary>
/// Section 10 of a Groth16 .zkey: the circuit hash and the phase-2 contributions. The section's bytes are kept
/// exactly as read (<see cref="Raw"/>) and written back unchanged, so a key passes through this library without its
/// ceremony record changing; the parsed fields are for reporting and for checks.
/// </summary>
public sealed class ZKeyContributions
{
    /// <summary>Bytes of the circuit hash (BLAKE2b-512).</summary>
    public const int CircuitHashSize = 64;

    const byte NameParameter = 1;
    const byte IterationsParameter = 2;
    const byte BeaconHashParameter = 3;

    readonly byte[] _raw;
    readonly byte[] _circuitHash;

    /// <summary>Encodes a contributions section the way snarkjs does (used for keys made here).</summary>
    public ZKeyContributions(byte[] circuitHash, IReadOnlyList<ZKeyContribution> contributions)
    {
        ArgumentNullException.ThrowIfNull(circuitHash);
        ArgumentNullException.ThrowIfNull(contributions);
        if (circuitHash.Length != CircuitHashSize)
            throw new ArgumentException($"circuit hash has {circuitHash.Length} bytes, expected {CircuitHashSize}", nameof(circuitHash));
        _circuitHash = (byte[])circuitHash.Clone();
        ZKeyContribution[] items = [.. contributions];
        _raw = Encode(_circuitHash, items);
        Items = Array.AsReadOnly(items);
    }

    internal ZKeyContributions(byte[] raw, byte[] circuitHash, ZKeyContribution[] items)
    {
        _raw = raw;
        _circuitHash = circuitHash;
        Items = Array.AsReadOnly(items);
    }

    public ReadOnlySpan<byte> CircuitHash => _circuitHash;

    public IReadOnlyList<ZKeyContribution> Items { get; }

    public int Count => Items.Count;

    /// <summary>The section content as it is written to a .zkey.</summary>
    public ReadOnlySpan<byte> Raw => _raw;

    /// <summary>
    /// Decodes a section read from a file, as strictly as snarkjs: parameters in ascending type order, only known
    /// types, and every byte accounted for. Points are checked on their curves; the G2 proof-of-knowledge point also
    /// in the subgroup, since there are only a few and <c>zkey verify</c> pairs with them.
    /// </summary>
    internal static ZKeyContributions Parse(byte[] raw, BinarySource source, string label)
    {
        var reader = new SpanReader(raw, source, label);
        var circuitHash = reader.Take(CircuitHashSize, "circuit hash").ToArray();
        var count = reader.U32("number of contributions");
        const int minimumSize = 3 * PointCodec.G1Size + PointCodec.G2Size + ZKeyContribution.TranscriptSize + 4 + 4;
        if ((ulong)count * minimumSize > (ulong)reader.Remaining)
            throw reader.Error($"{count} contributions cannot fit in the {reader.Remaining} bytes left");
        var items = new ZKeyContribution[count];
        string[] names = ["deltaAfter", "delta.g1_s", "delta.g1_sx"];
        for (var i = 0; i < count; i++)
        {
            var points = new G1Affine[3];
            for (var k = 0; k < 3; k++)
            {
                var why = PointCodec.TryReadG1(reader.Take(PointCodec.G1Size, names[k]), out points[k]);
                if (why is not null)
                    throw reader.Error($"contribution {i} {names[k]}: {why}");
            }
            var reason = PointCodec.TryReadG2(reader.Take(PointCodec.G2Size, "delta.g2_spx"), out var g2Spx);
            if (reason is null && !G2.InSubgroup(g2Spx))
                reason = "not in the order-r subgroup";
            if (reason is not null)
                throw reader.Error($"contribution {i} delta.g2_spx: {reason}");
            var transcript = reader.Take(ZKeyContribution.TranscriptSize, "transcript").ToArray();
            var type = reader.U32("contribution type");
            var length = reader.U32("parameters length");
            if (length > reader.Remaining)
                throw reader.Error($"contribution {i} declares {length} bytes of parameters but {reader.Remaining} remain");
            var parameters = new SpanReader(reader.Take((int)length, "parameters"), source, $"{label}, contribution {i} parameters");
            string? name = null;
            byte? iterations = null;
            byte[]? beaconHash = null;
            var last = 0;
            while (parameters.Remaining > 0)
            {
                var parameter = parameters.U8("parameter type");
                if (parameter <= last)
                    throw parameters.Error($"parameter type {parameter} follows {last}; they must be in ascending order");
                last = parameter;
                switch (parameter)
                {
                    case NameParameter:
                        name = Encoding.UTF8.GetString(parameters.Take(parameters.U8("name length"), "name"));
                        break;
                    case IterationsParameter:
                        iterations = parameters.U8("iteration exponent");
                        break;
                    case BeaconHashParameter:
                        beaconHash = parameters.Take(parameters.U8("beacon hash length"), "beacon hash").ToArray();
                        break;
                    default:
                        throw parameters.Error($"unknown parameter type {parameter}");
                }
            }
            items[i] = new ZKeyContribution(points[0], points[1], points[2], g2Spx, transcript, type, name, iterations, beaconHash);
        }
        reader.End();
        return new ZKeyContributions(raw, circuitHash, items);
    }

    static byte[] Encode(byte[] circuitHash, ZKeyContribution[] items)
    {
        using var stream = new MemoryStream();
        stream.Write(circuitHash);
        Span<byte> u32 = stackalloc byte[4];
        BitConverter.TryWriteBytes(u32, (uint)items.Length);
        stream.Write(u32);
        Span<byte> g1 = stackalloc byte[PointCodec.G1Size];
        Span<byte> g2 = stackalloc byte[PointCodec.G2Size];
        foreach (var c in items)
        {
            foreach (var p in (ReadOnlySpan<G1Affine>)[c.DeltaAfter, c.DeltaG1S, c.DeltaG1Sx])
            {
                PointCodec.WriteG1(g1, p);
                stream.Write(g1);
            }
            PointCodec.WriteG2(g2, c.DeltaG2Spx);
            stream.Write(g2);
            stream.Write(c.Transcript);
            BitConverter.TryWriteBytes(u32, c.Type);
            stream.Write(u32);

            // Parameters in ascending type order, as snarkjs requires when reading.
            var parameters = new List<byte>();
            if (!string.IsNullOrEmpty(c.Name))
            {
                var name = Encoding.UTF8.GetBytes(c.Name);
                parameters.Add(NameParameter);
                parameters.Add((byte)name.Length);
                parameters.AddRange(name);
            }
            if (c.Type == ZKeyContribution.BeaconType)
            {
                parameters.Add(IterationsParameter);
                parameters.Add(c.NumIterationsExp ?? throw new ArgumentException("a beacon contribution needs its iteration exponent"));
                if (!c.HasBeaconHash)
                    throw new ArgumentException("a beacon contribution needs its beacon hash");
                parameters.Add(BeaconHashParameter);
                parameters.Add((byte)c.BeaconHash.Length);
                parameters.AddRange(c.BeaconHash.ToArray());
            }
            BitConverter.TryWriteBytes(u32, (uint)parameters.Count);
            stream.Write(u32);
            stream.Write(parameters.ToArray());
        }
        return stream.ToArray();
    }
}
