using System.Buffers.Binary;
using ZkPot.Crypto;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;

namespace ZkPot.Circuits.SecureAggregation;

/// <summary>Byte writing and reading for the masking messages; a reader throws InvalidDataException naming what is short or wrong.</summary>
sealed class MaskWriter
{
    readonly List<byte> _bytes = [];
    public MaskWriter Hash(Hash32 h) { _bytes.AddRange(h.ToArray()); return this; }
    public MaskWriter Id(NodeId id) { _bytes.AddRange(id.ToArray()); return this; }
    public MaskWriter Raw(ReadOnlySpan<byte> b) { _bytes.AddRange(b.ToArray()); return this; }
    public MaskWriter U8(byte v) { _bytes.Add(v); return this; }
    public MaskWriter U16(int v) { Span<byte> b = stackalloc byte[2]; BinaryPrimitives.WriteUInt16LittleEndian(b, checked((ushort)v)); return Raw(b); }
    public MaskWriter U32(long v) { Span<byte> b = stackalloc byte[4]; BinaryPrimitives.WriteUInt32LittleEndian(b, checked((uint)v)); return Raw(b); }
    public MaskWriter Scalar(in Fr v) { Span<byte> b = stackalloc byte[32]; v.WriteBigEndian(b); return Raw(b); }
    public MaskWriter Point(in G1Affine p) { Span<byte> b = stackalloc byte[32]; CompressedPoint.WriteG1(b, p); return Raw(b); }
    public MaskWriter Blob(ReadOnlySpan<byte> b) { U32(b.Length); return Raw(b); }
    public byte[] ToArray() => [.. _bytes];
}

ref struct MaskReader(ReadOnlySpan<byte> bytes, string what)
{
    readonly ReadOnlySpan<byte> _bytes = bytes;
    int _at;

    public readonly int Position => _at;
    public readonly bool AtEnd => _at == _bytes.Length;

    public ReadOnlySpan<byte> Raw(int n)
    {
        if (n < 0 || _at + n > _bytes.Length) throw new InvalidDataException($"{what}: {_bytes.Length} bytes end before field at {_at} ({n} bytes)");
        var span = _bytes.Slice(_at, n);
        _at += n;
        return span;
    }

    public Hash32 Hash() => new(Raw(32));
    public NodeId Id() => new(Raw(NodeId.Size));
    public byte U8() => Raw(1)[0];
    public int U16() => BinaryPrimitives.ReadUInt16LittleEndian(Raw(2));
    public long U32() => BinaryPrimitives.ReadUInt32LittleEndian(Raw(4));
    public Fr Scalar() => FieldBytes.Read(Raw(32), $"{what}: scalar");

    public G1Affine Point()
    {
        try { return CompressedPoint.ReadG1(Raw(32)); }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidDataException) { throw new InvalidDataException($"{what}: not a G1 point ({e.Message})"); }
    }

    public ReadOnlySpan<byte> Blob(int max)
    {
        long n = U32();
        if (n > max) throw new InvalidDataException($"{what}: a field of {n} bytes is over the {max}-byte bound");
        return Raw((int)n);
    }

    public readonly void End()
    {
        if (!AtEnd) throw new InvalidDataException($"{what}: {_bytes.Length - _at} bytes after the end");
    }
}

/// <summary>Signing and checking the masking messages: each kind has its own domain tag.</summary>
static class MaskSignature
{
    public const int Size = 64;

    public static byte[] Signed(NodeIdentity signer, string tag, byte[] payload) => [.. payload, .. signer.Sign(tag, payload)];

    /// <summary>The payload of a message signed by <paramref name="signer"/>; InvalidDataException when the signature fails.</summary>
    public static ReadOnlySpan<byte> Check(ReadOnlySpan<byte> message, int payloadLength, byte[] signerKey, string tag, string what)
    {
        if (message.Length != payloadLength + Size) throw new InvalidDataException($"{what}: expected {payloadLength + Size} bytes, got {message.Length}");
        var payload = message[..payloadLength];
        if (!Ed25519Verifier.Instance.Verify(signerKey, tag, payload, message[payloadLength..])) throw new InvalidDataException($"{what}: bad signature");
        return payload;
    }
}
