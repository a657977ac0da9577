namespace ZkPot.Circuits;

/// <summary>Signed integers in the scalar field: negative values as r minus their magnitude, and back.</summary>
public static class SignedField
{
    public static Fr Of(long v) => v >= 0 ? Fr.FromUInt64((ulong)v) : -Fr.FromUInt64((ulong)-v);

    /// <summary>The signed integer a field element stands for (above r/2 it is negative); OverflowException when it is beyond a long.</summary>
    public static long ToInt64(in Fr v)
    {
        var big = v.ToBigInteger();
        return (long)(big > Fr.Modulus / 2 ? big - Fr.Modulus : big);
    }
}
