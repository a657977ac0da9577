namespace ZkPot.Crypto;

/// <summary>The arithmetic a field element offers, so curve formulas are written once for G1 (over Fp) and G2 (over Fp2).</summary>
public interface IField<T> : IEquatable<T> where T : struct, IField<T>
{
    static abstract T Zero { get; }
    static abstract T One { get; }
    static abstract T operator +(in T a, in T b);
    static abstract T operator -(in T a, in T b);
    static abstract T operator -(in T a);
    static abstract T operator *(in T a, in T b);
    T Square();
    T Double();
    /// <summary>The multiplicative inverse; zero maps to zero.</summary>
    T Inverse();
    bool IsZero { get; }
}
