using System.Runtime.CompilerServices;

namespace ZkPot.Crypto;

/// <summary>64-bit add-with-carry and subtract-with-borrow, shared by the Montgomery arithmetic of the field types.</summary>
internal static class Carry
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong AddC(ulong a, ulong b, ref ulong carry)
    {
        ulong s = a + b;
        ulong c1 = s < a ? 1UL : 0UL;
        ulong t = s + carry;
        carry = c1 | (t < s ? 1UL : 0UL);
        return t;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong SubB(ulong a, ulong b, ref ulong borrow)
    {
        ulong d = a - b;
        ulong b1 = a < b ? 1UL : 0UL;
        ulong t = d - borrow;
        borrow = b1 | (d < borrow ? 1UL : 0UL);
        return t;
    }
}
