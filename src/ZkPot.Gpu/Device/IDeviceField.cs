namespace ZkPot.Gpu.Device;

/// <summary>
/// Field operations on device values of type T, implemented by empty structs so the curve code is written once for
/// G1 (over Fp) and G2 (over Fp2) and ILGPU resolves every call at compile time.
/// </summary>
internal interface IDeviceField<T> where T : unmanaged
{
    T Zero { get; }
    T One { get; }
    T Add(T a, T b);
    T Sub(T a, T b);
    T Mul(T a, T b);
    T Square(T a);
    T Negate(T a);
    bool IsZero(T a);
}

/// <summary>Fp on the device: <see cref="MontgomeryArithmetic"/> with the base-field modulus.</summary>
internal readonly struct DeviceFp : IDeviceField<Word256>
{
    public Word256 Zero => default;
    public Word256 One => default(DevicePModulus).One;
    public Word256 Add(Word256 a, Word256 b) => MontgomeryArithmetic.Add<DevicePModulus>(a, b);
    public Word256 Sub(Word256 a, Word256 b) => MontgomeryArithmetic.Sub<DevicePModulus>(a, b);
    public Word256 Mul(Word256 a, Word256 b) => MontgomeryArithmetic.Mul<DevicePModulus>(a, b);
    public Word256 Square(Word256 a) => MontgomeryArithmetic.Mul<DevicePModulus>(a, a);
    public Word256 Negate(Word256 a) => MontgomeryArithmetic.Sub<DevicePModulus>(default, a);
    public bool IsZero(Word256 a) => a.IsZero;
}
