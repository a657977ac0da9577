using System.Runtime.InteropServices;

namespace ZkPot.Gpu.Device;

/// <summary>
/// A 256-bit value as four little-endian 64-bit limbs: the device-side image of an Fp or Fr element (Montgomery
/// form), laid out exactly like <c>PrimeField&lt;M&gt;</c> so spans of field elements are uploaded without conversion.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct Word256
{
    public readonly ulong L0, L1, L2, L3;

    public Word256(ulong l0, ulong l1, ulong l2, ulong l3) { L0 = l0; L1 = l1; L2 = l2; L3 = l3; }

    public bool IsZero => (L0 | L1 | L2 | L3) == 0;

    /// <summary>Limb i (0..3) for digit extraction; a switch because kernels cannot index a struct's fields.</summary>
    public ulong Limb(int i) => i == 0 ? L0 : i == 1 ? L1 : i == 2 ? L2 : i == 3 ? L3 : 0;
}
