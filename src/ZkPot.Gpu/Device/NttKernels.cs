using ILGPU;

namespace ZkPot.Gpu.Device;

/// <summary>
/// Radix-2 NTT kernels over Fr, the steps of <c>CpuNtt</c> one launch each: bit-reversal permutation, one launch per
/// butterfly stage, the index reversal i -> n - i that turns a forward transform into an inverse, and scaling by
/// start * factor^i (coset shifts and 1/n). Twiddles come from a table T with T[m + j] = w_2m^j, the layout of
/// <c>NttRoots</c>, built on the device from powers of the largest root.
/// </summary>
internal static class NttKernels
{
    public static void BitReverse(Index1D i, ArrayView<Word256> values, int logSize)
    {
        uint v = (uint)i.X;
        v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
        v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
        v = ((v >> 4) & 0x0F0F0F0Fu) | ((v & 0x0F0F0F0Fu) << 4);
        v = ((v >> 8) & 0x00FF00FFu) | ((v & 0x00FF00FFu) << 8);
        v = (v >> 16) | (v << 16);
        int r = (int)(v >> (32 - logSize));
        if (i < r)
        {
            var t = values[i];
            values[i] = values[r];
            values[r] = t;
        }
    }

    /// <summary>One thread per butterfly of stage m = 2^s (decimation in time, after bit reversal).</summary>
    public static void Butterfly(Index1D k, ArrayView<Word256> values, ArrayView<Word256> twiddles, int s)
    {
        int m = 1 << s;
        int j = k & (m - 1);
        int x = ((k >> s) << (s + 1)) + j;
        int y = x + m;
        var v = MontgomeryArithmetic.Mul<DeviceRModulus>(values[y], twiddles[m + j]);
        var u = values[x];
        values[x] = MontgomeryArithmetic.Add<DeviceRModulus>(u, v);
        values[y] = MontgomeryArithmetic.Sub<DeviceRModulus>(u, v);
    }

    /// <summary>Thread k swaps entries k + 1 and n - k - 1: index i -> (n - i) mod n for 0 &lt; i &lt; n/2.</summary>
    public static void ReverseTail(Index1D k, ArrayView<Word256> values, int size)
    {
        int i = k + 1, r = size - i;
        var t = values[i];
        values[i] = values[r];
        values[r] = t;
    }

    /// <summary>
    /// values[i] *= start * factor^i; thread t covers [t * chunk, (t + 1) * chunk), seeded by one exponentiation so
    /// the rest of its run is one product per element.
    /// </summary>
    public static void ScaleByPowers(Index1D t, ArrayView<Word256> values, Word256 factor, Word256 start, int chunk)
    {
        int from = t * chunk;
        var f = MontgomeryArithmetic.Mul<DeviceRModulus>(start, MontgomeryArithmetic.Pow<DeviceRModulus>(factor, (ulong)from));
        for (int i = from; i < from + chunk; i++)
        {
            values[i] = MontgomeryArithmetic.Mul<DeviceRModulus>(values[i], f);
            f = MontgomeryArithmetic.Mul<DeviceRModulus>(f, factor);
        }
    }

    /// <summary>The top stage of the twiddle table: T[half + j] = w^j, w the primitive (2 * half)-th root.</summary>
    public static void TopTwiddles(Index1D j, ArrayView<Word256> table, Word256 root, int half) =>
        table[half + j] = MontgomeryArithmetic.Pow<DeviceRModulus>(root, (ulong)j.X);

    /// <summary>
    /// The lower stages, copied from the top one: for m &lt; half, T[m + j] = w_2m^j = w^(j * half / m) = T[half + j * half / m].
    /// Thread k fills entry k + 1; entry 0 is unused and stays zero.
    /// </summary>
    public static void LowerTwiddles(Index1D k, ArrayView<Word256> table, int half)
    {
        int idx = k + 1;
        int m = 1;
        while (m * 2 <= idx) m *= 2;
        table[idx] = table[half + (idx - m) * (half / m)];
    }
}
