using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace ZkPot.Crypto;

/// <summary>
/// An element of a 254-bit prime field in Montgomery form (four 64-bit limbs, little-endian).
/// Used as <c>Fp</c> (base field) and <c>Fr</c> (scalar field) through the aliases in each project's GlobalUsings.
/// </summary>
public readonly struct PrimeField<M> : IField<PrimeField<M>> where M : struct, IModulus
{
    internal readonly ulong L0, L1, L2, L3;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal PrimeField(ulong l0, ulong l1, ulong l2, ulong l3) { L0 = l0; L1 = l1; L2 = l2; L3 = l3; }

    /// <summary>The modulus as an integer.</summary>
    public static readonly BigInteger Modulus = ToBig(M.M0, M.M1, M.M2, M.M3);

    public static PrimeField<M> Zero => default;
    public static PrimeField<M> One => new(M.One0, M.One1, M.One2, M.One3);
    public bool IsZero => (L0 | L1 | L2 | L3) == 0;
    public bool IsOne => L0 == M.One0 && L1 == M.One1 && L2 == M.One2 && L3 == M.One3;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PrimeField<M> operator *(in PrimeField<M> a, in PrimeField<M> b)
    {
        Mont<M>.Mul(a.L0, a.L1, a.L2, a.L3, b.L0, b.L1, b.L2, b.L3, out var r0, out var r1, out var r2, out var r3);
        return new(r0, r1, r2, r3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PrimeField<M> operator +(in PrimeField<M> a, in PrimeField<M> b)
    {
        Mont<M>.Add(a.L0, a.L1, a.L2, a.L3, b.L0, b.L1, b.L2, b.L3, out var r0, out var r1, out var r2, out var r3);
        return new(r0, r1, r2, r3);
    }

    /// <summary>
    /// a + b left below 2m instead of m: only for an operand that goes straight into a multiplication, which
    /// accepts it and returns a reduced product (saves the conditional subtraction in Karatsuba sums).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static PrimeField<M> AddLazy(in PrimeField<M> a, in PrimeField<M> b)
    {
        Mont<M>.AddLazy(a.L0, a.L1, a.L2, a.L3, b.L0, b.L1, b.L2, b.L3, out var r0, out var r1, out var r2, out var r3);
        return new(r0, r1, r2, r3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PrimeField<M> operator -(in PrimeField<M> a, in PrimeField<M> b)
    {
        Mont<M>.Sub(a.L0, a.L1, a.L2, a.L3, b.L0, b.L1, b.L2, b.L3, out var r0, out var r1, out var r2, out var r3);
        return new(r0, r1, r2, r3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PrimeField<M> operator -(in PrimeField<M> a) => Zero - a;

    public static bool operator ==(in PrimeField<M> a, in PrimeField<M> b) => a.Equals(b);
    public static bool operator !=(in PrimeField<M> a, in PrimeField<M> b) => !a.Equals(b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PrimeField<M> Square() => this * this;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PrimeField<M> Double() => this + this;

    /// <summary>this^e for a non-negative exponent given as little-endian 64-bit words.</summary>
    public PrimeField<M> Pow(ReadOnlySpan<ulong> e)
    {
        var result = One;
        for (int i = e.Length - 1; i >= 0; i--)
            for (int b = 63; b >= 0; b--)
            {
                result = result.Square();
                if (((e[i] >> b) & 1) != 0) result *= this;
            }
        return result;
    }

    public PrimeField<M> Pow(BigInteger e)
    {
        if (e.Sign < 0) throw new ArgumentOutOfRangeException(nameof(e), "exponent must be non-negative");
        var result = One;
        var x = this;
        while (!e.IsZero)
        {
            if (!e.IsEven) result *= x;
            x = x.Square();
            e >>= 1;
        }
        return result;
    }

    /// <summary>Inverse by Fermat's little theorem (a^(m-2)): the same products whatever the value; zero maps to zero.</summary>
    public PrimeField<M> Inverse() => Pow(MinusTwo);

    static readonly ulong[] MinusTwo = Words(Modulus - 2);

    /// <summary>
    /// The same inverse by the binary extended Euclidean algorithm, several times faster but with steps that depend on
    /// the value: for public values only (MSM denominators, pairing and curve arithmetic on public points), never for
    /// secrets such as toxic waste or blinding factors, which keep <see cref="Inverse"/>.
    /// </summary>
    public PrimeField<M> InverseVartime()
    {
        Mont<M>.Invert(L0, L1, L2, L3, out var r0, out var r1, out var r2, out var r3);
        return new PrimeField<M>(r0, r1, r2, r3);
    }

    /// <summary>
    /// Inverts every element in place with one field inversion (Montgomery's trick); zeros stay zero. With
    /// <paramref name="vartime"/> that inversion is <see cref="InverseVartime"/> (public values only).
    /// </summary>
    public static void BatchInverse(Span<PrimeField<M>> values, bool vartime = false)
    {
        if (values.Length == 0) return;
        var prefix = new PrimeField<M>[values.Length];
        var acc = One;
        for (int i = 0; i < values.Length; i++)
        {
            prefix[i] = acc;
            if (!values[i].IsZero) acc *= values[i];
        }
        var inv = vartime ? acc.InverseVartime() : acc.Inverse();
        for (int i = values.Length - 1; i >= 0; i--)
        {
            if (values[i].IsZero) continue;
            var v = values[i];
            values[i] = inv * prefix[i];
            inv *= v;
        }
    }

    /// <summary>Builds an element from canonical little-endian limbs, which must be below the modulus.</summary>
    public static PrimeField<M> FromCanonical(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        if (!Mont<M>.LessThanModulus(l0, l1, l2, l3)) throw new ArgumentOutOfRangeException(nameof(l3), "value is not below the field modulus");
        return new PrimeField<M>(l0, l1, l2, l3) * new PrimeField<M>(M.R2_0, M.R2_1, M.R2_2, M.R2_3);
    }

    /// <summary>Builds an element from limbs already in Montgomery form (e.g. read from a .zkey), which must be below the modulus.</summary>
    public static PrimeField<M> FromMontgomery(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        if (!Mont<M>.LessThanModulus(l0, l1, l2, l3)) throw new ArgumentOutOfRangeException(nameof(l3), "value is not below the field modulus");
        return new PrimeField<M>(l0, l1, l2, l3);
    }

    /// <summary>The canonical (non-Montgomery) little-endian limbs.</summary>
    public void ToCanonical(out ulong l0, out ulong l1, out ulong l2, out ulong l3)
    {
        Mont<M>.Mul(L0, L1, L2, L3, 1, 0, 0, 0, out l0, out l1, out l2, out l3);
    }

    /// <summary>The Montgomery-form limbs as stored.</summary>
    public void ToMontgomery(out ulong l0, out ulong l1, out ulong l2, out ulong l3) { l0 = L0; l1 = L1; l2 = L2; l3 = L3; }

    public static PrimeField<M> FromUInt64(ulong v) => FromCanonical(v, 0, 0, 0);

    /// <summary>Reduces any integer (also negative or >= modulus) into the field.</summary>
    public static PrimeField<M> FromBigInteger(BigInteger v)
    {
        v %= Modulus;
        if (v.Sign < 0) v += Modulus;
        var w = Words(v);
        return FromCanonical(w[0], w[1], w[2], w[3]);
    }

    public BigInteger ToBigInteger()
    {
        ToCanonical(out var l0, out var l1, out var l2, out var l3);
        return ToBig(l0, l1, l2, l3);
    }

    /// <summary>Parses a canonical decimal string; rejects signs, non-digits, leading zeros and values >= modulus.</summary>
    public static PrimeField<M> ParseDecimal(string s)
    {
        if (s.Length == 0 || s.Length > 80 || !s.All(char.IsAsciiDigit) || (s.Length > 1 && s[0] == '0'))
            throw new FormatException($"'{Shorten(s)}' is not a canonical decimal field element");
        var v = BigInteger.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);
        if (v >= Modulus) throw new FormatException($"{Shorten(s)} is not below the field modulus");
        return FromBigInteger(v);
    }

    public string ToDecimal() => ToBigInteger().ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads 32 big-endian bytes; rejects values >= modulus.</summary>
    public static PrimeField<M> FromBytesBigEndian(ReadOnlySpan<byte> b)
    {
        if (b.Length != 32) throw new FormatException($"field element needs 32 bytes, got {b.Length}");
        ulong l3 = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(b);
        ulong l2 = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(b[8..]);
        ulong l1 = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(b[16..]);
        ulong l0 = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(b[24..]);
        if (!Mont<M>.LessThanModulus(l0, l1, l2, l3)) throw new FormatException("field element is not below the modulus");
        return FromCanonical(l0, l1, l2, l3);
    }

    public void WriteBigEndian(Span<byte> dst)
    {
        ToCanonical(out var l0, out var l1, out var l2, out var l3);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(dst, l3);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(dst[8..], l2);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(dst[16..], l1);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(dst[24..], l0);
    }

    /// <summary>Reads 32 little-endian bytes of canonical value (as in .r1cs/.wtns files); rejects values >= modulus.</summary>
    public static PrimeField<M> FromBytesLittleEndian(ReadOnlySpan<byte> b, bool montgomery = false)
    {
        if (b.Length != 32) throw new FormatException($"field element needs 32 bytes, got {b.Length}");
        ulong l0 = BitConverter.ToUInt64(b), l1 = BitConverter.ToUInt64(b[8..]), l2 = BitConverter.ToUInt64(b[16..]), l3 = BitConverter.ToUInt64(b[24..]);
        if (!Mont<M>.LessThanModulus(l0, l1, l2, l3)) throw new FormatException("field element is not below the modulus");
        return montgomery ? new PrimeField<M>(l0, l1, l2, l3) : FromCanonical(l0, l1, l2, l3);
    }

    public void WriteLittleEndian(Span<byte> dst, bool montgomery = false)
    {
        ulong l0 = L0, l1 = L1, l2 = L2, l3 = L3;
        if (!montgomery) ToCanonical(out l0, out l1, out l2, out l3);
        BitConverter.TryWriteBytes(dst, l0); BitConverter.TryWriteBytes(dst[8..], l1);
        BitConverter.TryWriteBytes(dst[16..], l2); BitConverter.TryWriteBytes(dst[24..], l3);
    }

    /// <summary>A uniformly random element from the OS CSPRNG (rejection sampling, no modular bias).</summary>
    public static PrimeField<M> Random()
    {
        Span<byte> b = stackalloc byte[32];
        while (true)
        {
            RandomNumberGenerator.Fill(b);
            b[31] &= 0x3f; // both moduli are below 2^254
            ulong l0 = BitConverter.ToUInt64(b), l1 = BitConverter.ToUInt64(b[8..]), l2 = BitConverter.ToUInt64(b[16..]), l3 = BitConverter.ToUInt64(b[24..]);
            if (Mont<M>.LessThanModulus(l0, l1, l2, l3)) return new PrimeField<M>(l0, l1, l2, l3);
        }
    }

    /// <summary>A deterministic pseudo-random element, for tests and seeded simulations only.</summary>
    public static PrimeField<M> Random(Random rng)
    {
        Span<byte> b = stackalloc byte[32];
        while (true)
        {
            rng.NextBytes(b);
            b[31] &= 0x3f;
            ulong l0 = BitConverter.ToUInt64(b), l1 = BitConverter.ToUInt64(b[8..]), l2 = BitConverter.ToUInt64(b[16..]), l3 = BitConverter.ToUInt64(b[24..]);
            if (Mont<M>.LessThanModulus(l0, l1, l2, l3)) return new PrimeField<M>(l0, l1, l2, l3);
        }
    }

    public bool Equals(PrimeField<M> o) => L0 == o.L0 && L1 == o.L1 && L2 == o.L2 && L3 == o.L3;
    public override bool Equals(object? obj) => obj is PrimeField<M> o && Equals(o);
    public override int GetHashCode() => HashCode.Combine(L0, L1, L2, L3);
    public override string ToString() => ToDecimal();

    internal static ulong[] Words(BigInteger v)
    {
        var w = new ulong[4];
        for (int i = 0; i < 4; i++) { w[i] = (ulong)(v & ulong.MaxValue); v >>= 64; }
        return w;
    }

    static BigInteger ToBig(ulong l0, ulong l1, ulong l2, ulong l3) =>
        ((BigInteger)l3 << 192) | ((BigInteger)l2 << 128) | ((BigInteger)l1 << 64) | l0;

    static string Shorten(string s) => s.Length > 90 ? s[..90] + "..." : s;
}
