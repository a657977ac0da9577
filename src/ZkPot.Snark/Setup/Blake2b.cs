using System.Buffers.Binary;
using System.Numerics;

namespace ZkPot.Snark.Setup;

/// <summary>
/// Incremental BLAKE2b-512 without key, salt or personalisation (RFC 7693): the hash snarkjs uses for a .zkey's
/// circuit hash and phase-2 transcripts. .NET has no BLAKE2b, and the library does not depend on a crypto package.
/// </summary>
public sealed class Blake2b
{
    /// <summary>Bytes of the digest.</summary>
    public const int HashSize = 64;

    const int BlockSize = 128;

    static readonly ulong[] Iv =
    [
        0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
        0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179,
    ];

    static readonly byte[][] Sigma =
    [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
        [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
        [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
        [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
        [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
        [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
        [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
        [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
        [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
        [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
    ];

    readonly ulong[] _h = new ulong[8];
    readonly byte[] _buffer = new byte[BlockSize];
    int _buffered;
    ulong _countLow, _countHigh;
    bool _finished;

    public Blake2b()
    {
        Iv.CopyTo(_h, 0);
        // Parameter block: digest length 64, no key, fanout 1, depth 1.
        _h[0] ^= 0x01010000UL ^ HashSize;
    }

    /// <summary>The digest of one message.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var hasher = new Blake2b();
        hasher.Append(data);
        return hasher.Finish();
    }

    /// <summary>
    /// Absorbs data. The bytes reach the compression function in the same way as in @noble/hashes, the BLAKE2b snarkjs
    /// uses: a block that starts a call and is not its last goes straight from the input, everything else through the
    /// buffer. The digest does not depend on it; <see cref="ExportPartial"/> does, since it records the whole buffer,
    /// stale bytes included, and a powers-of-tau contribution stores that record.
    /// </summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        if (_finished)
            throw new InvalidOperationException("the hash was already finished");
        var consumed = 0;
        while (data.Length > 0)
        {
            // The last block is compressed only in Finish, with the final flag, so a full buffer waits for more data.
            if (_buffered == BlockSize)
            {
                AddToCounter(BlockSize);
                Compress(_buffer, last: false);
                _buffered = 0;
            }
            var n = Math.Min(BlockSize - _buffered, data.Length);
            if (n == BlockSize && consumed % 4 == 0 && data.Length > BlockSize)
            {
                while (data.Length > BlockSize)
                {
                    AddToCounter(BlockSize);
                    Compress(data[..BlockSize], last: false);
                    data = data[BlockSize..];
                    consumed += BlockSize;
                }
                continue;
            }
            data[..n].CopyTo(_buffer.AsSpan(_buffered));
            _buffered += n;
            data = data[n..];
            consumed += n;
        }
    }

    /// <summary>Bytes of <see cref="ExportPartial"/>'s record.</summary>
    public const int PartialSize = 216;

    /// <summary>
    /// The unfinished state as a .ptau contribution records it (snarkjs <c>toPartialHash</c> over @noble/hashes): the
    /// 128-byte buffer, the chaining value h0..h7 as little-endian words, then as u32 the bytes compressed so far and the
    /// bytes buffered, each followed by a zero word, and eight zero bytes.
    /// </summary>
    public byte[] ExportPartial()
    {
        if (_finished)
            throw new InvalidOperationException("the hash was already finished");
        if (_countHigh != 0 || _countLow > uint.MaxValue)
            throw new InvalidOperationException("a partial hash record holds at most 2^32 - 1 compressed bytes");
        var record = new byte[PartialSize];
        _buffer.CopyTo(record, 0);
        for (var i = 0; i < 8; i++)
            BinaryPrimitives.WriteUInt64LittleEndian(record.AsSpan(BlockSize + 8 * i), _h[i]);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(BlockSize + 64), (uint)_countLow);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(BlockSize + 72), (uint)_buffered);
        return record;
    }

    /// <summary>Resumes a hash from a record <see cref="ExportPartial"/> (or snarkjs) wrote.</summary>
    public static Blake2b FromPartial(ReadOnlySpan<byte> record)
    {
        if (record.Length != PartialSize)
            throw new ArgumentException($"a partial hash record has {PartialSize} bytes, got {record.Length}", nameof(record));
        var compressed = BinaryPrimitives.ReadUInt64LittleEndian(record[(BlockSize + 64)..]);
        var buffered = BinaryPrimitives.ReadUInt64LittleEndian(record[(BlockSize + 72)..]);
        if (buffered > BlockSize || compressed % BlockSize != 0 || (buffered == 0 && compressed != 0))
            throw new InvalidDataException($"partial hash record: {buffered} buffered bytes after {compressed} compressed is not a state BLAKE2b can be in");
        var hasher = new Blake2b();
        record[..BlockSize].CopyTo(hasher._buffer);
        for (var i = 0; i < 8; i++)
            hasher._h[i] = BinaryPrimitives.ReadUInt64LittleEndian(record[(BlockSize + 8 * i)..]);
        hasher._countLow = compressed;
        hasher._buffered = (int)buffered;
        return hasher;
    }

    /// <summary>Ends the hash and returns the 64-byte digest; the instance cannot be used afterwards.</summary>
    public byte[] Finish()
    {
        if (_finished)
            throw new InvalidOperationException("the hash was already finished");
        _finished = true;
        AddToCounter(_buffered);
        _buffer.AsSpan(_buffered).Clear();
        Compress(_buffer, last: true);
        var digest = new byte[HashSize];
        for (var i = 0; i < 8; i++)
            BinaryPrimitives.WriteUInt64LittleEndian(digest.AsSpan(8 * i), _h[i]);
        return digest;
    }

    void AddToCounter(int bytes)
    {
        _countLow += (ulong)bytes;
        if (_countLow < (ulong)bytes)
            _countHigh++;
    }

    void Compress(ReadOnlySpan<byte> block, bool last)
    {
        Span<ulong> m = stackalloc ulong[16];
        for (var i = 0; i < 16; i++)
            m[i] = BinaryPrimitives.ReadUInt64LittleEndian(block[(8 * i)..]);
        Span<ulong> v = stackalloc ulong[16];
        _h.CopyTo(v);
        Iv.CopyTo(v[8..]);
        v[12] ^= _countLow;
        v[13] ^= _countHigh;
        if (last)
            v[14] = ~v[14];
        for (var round = 0; round < 12; round++)
        {
            var s = Sigma[round % 10];
            Mix(v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
            Mix(v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
            Mix(v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
            Mix(v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
            Mix(v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
            Mix(v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
            Mix(v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
            Mix(v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
        }
        for (var i = 0; i < 8; i++)
            _h[i] ^= v[i] ^ v[i + 8];
    }

    static void Mix(Span<ulong> v, int a, int b, int c, int d, ulong x, ulong y)
    {
        v[a] = v[a] + v[b] + x;
        v[d] = BitOperations.RotateRight(v[d] ^ v[a], 32);
        v[c] = v[c] + v[d];
        v[b] = BitOperations.RotateRight(v[b] ^ v[c], 24);
        v[a] = v[a] + v[b] + y;
        v[d] = BitOperations.RotateRight(v[d] ^ v[a], 16);
        v[c] = v[c] + v[d];
        v[b] = BitOperations.RotateRight(v[b] ^ v[c], 63);
    }
}
