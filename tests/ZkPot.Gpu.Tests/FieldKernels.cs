using ILGPU;
using ZkPot.Gpu.Device;

namespace ZkPot.Gpu.Tests;

/// <summary>Element-wise kernels over the device field code, so tests can compare it with the C# field types.</summary>
internal static class FieldKernels
{
    public static void MulFr(Index1D i, ArrayView<Word256> a, ArrayView<Word256> b, ArrayView<Word256> result) =>
        result[i] = MontgomeryArithmetic.Mul<DeviceRModulus>(a[i], b[i]);

    public static void AddFr(Index1D i, ArrayView<Word256> a, ArrayView<Word256> b, ArrayView<Word256> result) =>
        result[i] = MontgomeryArithmetic.Add<DeviceRModulus>(a[i], b[i]);

    public static void SubFr(Index1D i, ArrayView<Word256> a, ArrayView<Word256> b, ArrayView<Word256> result) =>
        result[i] = MontgomeryArithmetic.Sub<DeviceRModulus>(a[i], b[i]);

    public static void MulFp(Index1D i, ArrayView<Word256> a, ArrayView<Word256> b, ArrayView<Word256> result) =>
        result[i] = MontgomeryArithmetic.Mul<DevicePModulus>(a[i], b[i]);

    public static void AddFp(Index1D i, ArrayView<Word256> a, ArrayView<Word256> b, ArrayView<Word256> result) =>
        result[i] = MontgomeryArithmetic.Add<DevicePModulus>(a[i], b[i]);

    public static void SubFp(Index1D i, ArrayView<Word256> a, ArrayView<Word256> b, ArrayView<Word256> result) =>
        result[i] = MontgomeryArithmetic.Sub<DevicePModulus>(a[i], b[i]);

    /// <summary>a^e with e the low word of b's canonical value (exercises Pow and ToCanonical).</summary>
    public static void PowFr(Index1D i, ArrayView<Word256> a, ArrayView<Word256> b, ArrayView<Word256> result) =>
        result[i] = MontgomeryArithmetic.Pow<DeviceRModulus>(a[i], MontgomeryArithmetic.ToCanonical<DeviceRModulus>(b[i]).L0);

    /// <summary>Fp2 product and square: a, b hold (c0, c1) pairs at 2i, 2i + 1; result holds a*b then a^2.</summary>
    public static void MulFp2(Index1D i, ArrayView<Word256> a, ArrayView<Word256> b, ArrayView<Word256> result)
    {
        var f = default(DeviceFp2);
        var x = new Fp2Words(a[2 * i], a[2 * i + 1]);
        var y = new Fp2Words(b[2 * i], b[2 * i + 1]);
        var p = f.Mul(x, y);
        var s = f.Square(x);
        result[4 * i] = p.C0;
        result[4 * i + 1] = p.C1;
        result[4 * i + 2] = s.C0;
        result[4 * i + 3] = s.C1;
    }
}
