using ILGPU;

namespace ZkPot.Gpu.Device;

/// <summary>
/// How a kernel reads affine point i from the host array uploaded as raw 64-bit words. <see cref="AffinePoint{F}"/>
/// is the coordinates followed by a bool and padding, so points go up without a conversion pass;
/// <see cref="PointLayout"/> checks that layout once on the host.
/// </summary>
internal interface IAffineLayout<T> where T : unmanaged
{
    /// <summary>Reads point i; false (and no coordinates) when it is the point at infinity.</summary>
    bool TryRead(ArrayView<ulong> words, int index, out T x, out T y);
}

/// <summary>G1 affine points: X (4 words), Y (4 words), then the infinity flag in the low byte of word 8.</summary>
internal readonly struct G1Layout : IAffineLayout<Word256>
{
    public const int Words = 9;

    public bool TryRead(ArrayView<ulong> words, int index, out Word256 x, out Word256 y)
    {
        long b = (long)index * Words;
        x = new Word256(words[b], words[b + 1], words[b + 2], words[b + 3]);
        y = new Word256(words[b + 4], words[b + 5], words[b + 6], words[b + 7]);
        return (words[b + 8] & 0xFF) == 0;
    }
}

/// <summary>G2 affine points: X (c0, c1: 8 words), Y (8 words), then the infinity flag in the low byte of word 16.</summary>
internal readonly struct G2Layout : IAffineLayout<Fp2Words>
{
    public const int Words = 17;

    public bool TryRead(ArrayView<ulong> words, int index, out Fp2Words x, out Fp2Words y)
    {
        long b = (long)index * Words;
        x = new Fp2Words(new Word256(words[b], words[b + 1], words[b + 2], words[b + 3]),
                         new Word256(words[b + 4], words[b + 5], words[b + 6], words[b + 7]));
        y = new Fp2Words(new Word256(words[b + 8], words[b + 9], words[b + 10], words[b + 11]),
                         new Word256(words[b + 12], words[b + 13], words[b + 14], words[b + 15]));
        return (words[b + 16] & 0xFF) == 0;
    }
}
