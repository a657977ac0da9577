namespace ZkPot.Gpu.Device;

/// <summary>
/// A BN254 modulus as kernels read it: instance members of an empty struct, so generic kernel code gets the
/// constants through a constrained call that ILGPU inlines (it does not compile static abstract interface calls).
/// </summary>
internal interface IDeviceModulus
{
    ulong M0 { get; }
    ulong M1 { get; }
    ulong M2 { get; }
    ulong M3 { get; }
    /// <summary>-m^-1 mod 2^64.</summary>
    ulong Inv { get; }
    /// <summary>R mod m, the Montgomery form of 1.</summary>
    Word256 One { get; }
}

/// <summary>The base-field modulus p, with the constants of <see cref="PModulus"/>.</summary>
internal readonly struct DevicePModulus : IDeviceModulus
{
    public ulong M0 => PModulus.M0;
    public ulong M1 => PModulus.M1;
    public ulong M2 => PModulus.M2;
    public ulong M3 => PModulus.M3;
    public ulong Inv => PModulus.Inv;
    public Word256 One => new(PModulus.One0, PModulus.One1, PModulus.One2, PModulus.One3);
}

/// <summary>The scalar-field modulus r, with the constants of <see cref="RModulus"/>.</summary>
internal readonly struct DeviceRModulus : IDeviceModulus
{
    public ulong M0 => RModulus.M0;
    public ulong M1 => RModulus.M1;
    public ulong M2 => RModulus.M2;
    public ulong M3 => RModulus.M3;
    public ulong Inv => RModulus.Inv;
    public Word256 One => new(RModulus.One0, RModulus.One1, RModulus.One2, RModulus.One3);
}
