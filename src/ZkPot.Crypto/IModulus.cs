namespace ZkPot.Crypto;

/// <summary>Compile-time constants of a 254-bit prime field in Montgomery form (R = 2^256), as static members the JIT inlines.</summary>
public interface IModulus
{
    static abstract ulong M0 { get; }
    static abstract ulong M1 { get; }
    static abstract ulong M2 { get; }
    static abstract ulong M3 { get; }
    /// <summary>-m^-1 mod 2^64.</summary>
    static abstract ulong Inv { get; }
    static abstract ulong R2_0 { get; }
    static abstract ulong R2_1 { get; }
    static abstract ulong R2_2 { get; }
    static abstract ulong R2_3 { get; }
    static abstract ulong One0 { get; }
    static abstract ulong One1 { get; }
    static abstract ulong One2 { get; }
    static abstract ulong One3 { get; }
}

/// <summary>The BN254 base field modulus p.</summary>
public readonly struct PModulus : IModulus
{
    public static ulong M0 => 0x3c208c16d87cfd47; public static ulong M1 => 0x97816a916871ca8d;
    public static ulong M2 => 0xb85045b68181585d; public static ulong M3 => 0x30644e72e131a029;
    public static ulong Inv => 0x87d20782e4866389;
    public static ulong R2_0 => 0xf32cfc5b538afa89; public static ulong R2_1 => 0xb5e71911d44501fb;
    public static ulong R2_2 => 0x47ab1eff0a417ff6; public static ulong R2_3 => 0x06d89f71cab8351f;
    public static ulong One0 => 0xd35d438dc58f0d9d; public static ulong One1 => 0x0a78eb28f5c70b3d;
    public static ulong One2 => 0x666ea36f7879462c; public static ulong One3 => 0x0e0a77c19a07df2f;
}

/// <summary>The BN254 scalar field modulus r (the group order).</summary>
public readonly struct RModulus : IModulus
{
    public static ulong M0 => 0x43e1f593f0000001; public static ulong M1 => 0x2833e84879b97091;
    public static ulong M2 => 0xb85045b68181585d; public static ulong M3 => 0x30644e72e131a029;
    public static ulong Inv => 0xc2e1f593efffffff;
    public static ulong R2_0 => 0x1bb8e645ae216da7; public static ulong R2_1 => 0x53fe3ab1e35c59e3;
    public static ulong R2_2 => 0x8c49833d53bb8085; public static ulong R2_3 => 0x0216d0b17f4e44a5;
    public static ulong One0 => 0xac96341c4ffffffb; public static ulong One1 => 0x36fc76959f60cd29;
    public static ulong One2 => 0x666ea36f7879462e; public static ulong One3 => 0x0e0a77c19a07df2f;
}
