using System.Text;

namespace ZkPot.Snark.Formats;

/// <summary>
/// One phase-2 contribution recorded in a .zkey (section 10): the delta after it, the contributor's proof of
/// knowledge (g1_s, g1_sx, g2_spx), the transcript hash, and the optional parameters snarkjs keeps (name; for a
/// beacon, the iteration exponent and beacon hash).
/// </summary>
public sealed class ZKeyContribution
{
    /// <summary>Bytes of the transcript hash (BLAKE2b-512).</summary>
    public const int TranscriptSize = 64;

    /// <summary>Type 0: an ordinary contribution; type 1: a random beacon.</summary>
    public const uint BeaconType = 1;

    readonly byte[] _transcript;
    readonly byte[]? _beaconHash;

    public ZKeyContribution(G1Affine deltaAfter, G1Affine deltaG1S, G1Affine deltaG1Sx, G2Affine deltaG2Spx,
        byte[] transcript, uint type, string? name, byte? numIterationsExp = null, byte[]? beaconHash = null)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        if (transcript.Length != TranscriptSize)
            throw new ArgumentException($"transcript has {transcript.Length} bytes, expected {TranscriptSize}", nameof(transcript));
        if (name is not null && Encoding.UTF8.GetByteCount(name) > byte.MaxValue)
            throw new ArgumentException("name is longer than 255 UTF-8 bytes", nameof(name));
        if (beaconHash is not null && beaconHash.Length > byte.MaxValue)
            throw new ArgumentException("beacon hash is longer than 255 bytes", nameof(beaconHash));
        DeltaAfter = deltaAfter;
        DeltaG1S = deltaG1S;
        DeltaG1Sx = deltaG1Sx;
        DeltaG2Spx = deltaG2Spx;
        _transcript = (byte[])transcript.Clone();
        Type = type;
        Name = name;
        NumIterationsExp = numIterationsExp;
        _beaconHash = (byte[]?)beaconHash?.Clone();
    }

    /// <summary>delta * G1 after this contribution.</summary>
    public G1Affine DeltaAfter { get; }

    public G1Affine DeltaG1S { get; }

    public G1Affine DeltaG1Sx { get; }

    public G2Affine DeltaG2Spx { get; }

    public ReadOnlySpan<byte> Transcript => _transcript;

    public uint Type { get; }

    public string? Name { get; }

    public byte? NumIterationsExp { get; }

    public ReadOnlySpan<byte> BeaconHash => _beaconHash;

    public bool HasBeaconHash => _beaconHash is not null;
}
