using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ZkPot.Gpu.Device;

/// <summary>An Fp2 element c0 + c1 u on the device, laid out like <see cref="Fp2"/>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct Fp2Words
{
    public readonly Word256 C0, C1;

    public Fp2Words(Word256 c0, Word256 c1) { C0 = c0; C1 = c1; }
}

/// <summary>
/// Fp2 = Fp[u]/(u^2 + 1) on the device, with the formulas of <see cref="Fp2"/> (Karatsuba product). Product and
/// square stay PTX functions rather than inlined copies, which keeps the G2 kernels' compile time in seconds.
/// </summary>
internal readonly struct DeviceFp2 : IDeviceField<Fp2Words>
{
    public Fp2Words Zero => default;
    public Fp2Words One => new(default(DevicePModulus).One, default);

    public Fp2Words Add(Fp2Words a, Fp2Words b) => new(F.Add(a.C0, b.C0), F.Add(a.C1, b.C1));
    public Fp2Words Sub(Fp2Words a, Fp2Words b) => new(F.Sub(a.C0, b.C0), F.Sub(a.C1, b.C1));
    public Fp2Words Negate(Fp2Words a) => new(F.Negate(a.C0), F.Negate(a.C1));
    public bool IsZero(Fp2Words a) => a.C0.IsZero && a.C1.IsZero;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public Fp2Words Mul(Fp2Words a, Fp2Words b)
    {
        var v0 = F.Mul(a.C0, b.C0);
        var v1 = F.Mul(a.C1, b.C1);
        var cross = F.Mul(F.Add(a.C0, a.C1), F.Add(b.C0, b.C1));
        return new(F.Sub(v0, v1), F.Sub(F.Sub(cross, v0), v1));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public Fp2Words Square(Fp2Words a)
    {
        var ab = F.Mul(a.C0, a.C1);
        return new(F.Mul(F.Add(a.C0, a.C1), F.Sub(a.C0, a.C1)), F.Add(ab, ab));
    }

    static DeviceFp F => default;
}
