using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ZkPot.Gpu.Device;

namespace ZkPot.Gpu;

/// <summary>
/// Checks, once per process, that the runtime lays out <see cref="G1Affine"/> and <see cref="G2Affine"/> as the
/// kernels read them (<see cref="G1Layout"/>, <see cref="G2Layout"/>): coordinates in Montgomery limbs, then the
/// infinity flag. A runtime that pads or orders fields differently gets a clear error instead of wrong sums.
/// </summary>
internal static class PointLayout
{
    static readonly Lazy<string?> Problem = new(Check);

    public static void EnsureSupported()
    {
        if (Problem.Value is { } problem) throw new PlatformNotSupportedException($"GPU MSM cannot read points in place: {problem}");
    }

    static string? Check()
    {
        if (Unsafe.SizeOf<G1Affine>() != G1Layout.Words * 8) return $"G1Affine is {Unsafe.SizeOf<G1Affine>()} bytes, expected {G1Layout.Words * 8}";
        if (Unsafe.SizeOf<G2Affine>() != G2Layout.Words * 8) return $"G2Affine is {Unsafe.SizeOf<G2Affine>()} bytes, expected {G2Layout.Words * 8}";
        if (Unsafe.SizeOf<Fr>() != 32) return $"Fr is {Unsafe.SizeOf<Fr>()} bytes, expected 32";
        G1Affine[] g1 = [G1.Generator, G1Affine.Infinity];
        var w1 = MemoryMarshal.Cast<G1Affine, ulong>(g1);
        G1.Generator.X.ToMontgomery(out ulong x0, out _, out _, out _);
        G1.Generator.Y.ToMontgomery(out ulong y0, out _, out _, out _);
        if (w1[0] != x0 || w1[4] != y0 || (w1[8] & 0xFF) != 0 || (w1[G1Layout.Words + 8] & 0xFF) != 1)
            return "G1Affine fields are not X, Y, IsInfinity in that order";
        G2Affine[] g2 = [G2.Generator, G2Affine.Infinity];
        var w2 = MemoryMarshal.Cast<G2Affine, ulong>(g2);
        G2.Generator.Y.C1.ToMontgomery(out ulong y10, out _, out _, out _);
        if (w2[12] != y10 || (w2[16] & 0xFF) != 0 || (w2[G2Layout.Words + 16] & 0xFF) != 1)
            return "G2Affine fields are not X.C0, X.C1, Y.C0, Y.C1, IsInfinity in that order";
        return null;
    }
}
