using ILGPU.Runtime.Cuda;

namespace ZkPot.Gpu.Device;

/// <summary>
/// Montgomery arithmetic (R = 2^256) on <see cref="Word256"/> for a 254-bit modulus, in kernels. On CUDA each
/// operation is one inline PTX block whose carry chains (add.cc/addc, mad.lo.cc/madc.hi) stay inside the block, as
/// the carry flag does not survive between asm statements; elsewhere the same CIOS algorithm runs on 32-bit-split
/// products. Both paths return the canonical representative below m, so their results are identical to each other
/// and to <c>PrimeField&lt;M&gt;</c>.
/// </summary>
internal static class MontgomeryArithmetic
{
    /// <summary>
    /// The first CIOS round, t = a * b_0 reduced by one word: with t = 0 the low halves are plain products.
    /// Between rounds t stays below 2m, so in four words; within a round the five-word sum stays below 2^320, so no
    /// chain's last carry is lost.
    /// </summary>
    const string Round0 =
        "mul.lo.u64 t0, %4, %8;\n\t" +
        "mul.lo.u64 t1, %5, %8;\n\t" +
        "mul.lo.u64 t2, %6, %8;\n\t" +
        "mul.lo.u64 t3, %7, %8;\n\t" +
        "mad.hi.cc.u64 t1, %4, %8, t1;\n\t" +
        "madc.hi.cc.u64 t2, %5, %8, t2;\n\t" +
        "madc.hi.cc.u64 t3, %6, %8, t3;\n\t" +
        "madc.hi.u64 t4, %7, %8, 0;\n\t" + Reduce;

    /// <summary>t += a * b_i: low halves with the carry into t4, then the high halves one word up.</summary>
    const string Round1 =
        "mad.lo.cc.u64 t0, %4, %9, t0;\n\t" +
        "madc.lo.cc.u64 t1, %5, %9, t1;\n\t" +
        "madc.lo.cc.u64 t2, %6, %9, t2;\n\t" +
        "madc.lo.cc.u64 t3, %7, %9, t3;\n\t" +
        "addc.u64 t4, 0, 0;\n\t" +
        "mad.hi.cc.u64 t1, %4, %9, t1;\n\t" +
        "madc.hi.cc.u64 t2, %5, %9, t2;\n\t" +
        "madc.hi.cc.u64 t3, %6, %9, t3;\n\t" +
        "madc.hi.u64 t4, %7, %9, t4;\n\t" + Reduce;

    const string Round2 =
        "mad.lo.cc.u64 t0, %4, %10, t0;\n\t" +
        "madc.lo.cc.u64 t1, %5, %10, t1;\n\t" +
        "madc.lo.cc.u64 t2, %6, %10, t2;\n\t" +
        "madc.lo.cc.u64 t3, %7, %10, t3;\n\t" +
        "addc.u64 t4, 0, 0;\n\t" +
        "mad.hi.cc.u64 t1, %4, %10, t1;\n\t" +
        "madc.hi.cc.u64 t2, %5, %10, t2;\n\t" +
        "madc.hi.cc.u64 t3, %6, %10, t3;\n\t" +
        "madc.hi.u64 t4, %7, %10, t4;\n\t" + Reduce;

    const string Round3 =
        "mad.lo.cc.u64 t0, %4, %11, t0;\n\t" +
        "madc.lo.cc.u64 t1, %5, %11, t1;\n\t" +
        "madc.lo.cc.u64 t2, %6, %11, t2;\n\t" +
        "madc.lo.cc.u64 t3, %7, %11, t3;\n\t" +
        "addc.u64 t4, 0, 0;\n\t" +
        "mad.hi.cc.u64 t1, %4, %11, t1;\n\t" +
        "madc.hi.cc.u64 t2, %5, %11, t2;\n\t" +
        "madc.hi.cc.u64 t3, %6, %11, t3;\n\t" +
        "madc.hi.u64 t4, %7, %11, t4;\n\t" + Reduce;

    /// <summary>
    /// t = (t + q * m) / 2^64 with q = t0 * (-m^-1): the low word cancels, and the shift by one word is folded into
    /// the high-half chain, which writes t1..t4 into t0..t3.
    /// </summary>
    const string Reduce =
        "mul.lo.u64 q, t0, %16;\n\t" +
        "mad.lo.cc.u64 t0, q, %12, t0;\n\t" +
        "madc.lo.cc.u64 t1, q, %13, t1;\n\t" +
        "madc.lo.cc.u64 t2, q, %14, t2;\n\t" +
        "madc.lo.cc.u64 t3, q, %15, t3;\n\t" +
        "addc.u64 t4, t4, 0;\n\t" +
        "mad.hi.cc.u64 t0, q, %12, t1;\n\t" +
        "madc.hi.cc.u64 t1, q, %13, t2;\n\t" +
        "madc.hi.cc.u64 t2, q, %14, t3;\n\t" +
        "madc.hi.u64 t3, q, %15, t4;\n\t";

    /// <summary>t is below 2m: subtract m once unless that borrows.</summary>
    const string FinalSubtract =
        "sub.cc.u64 s0, t0, %12;\n\t" +
        "subc.cc.u64 s1, t1, %13;\n\t" +
        "subc.cc.u64 s2, t2, %14;\n\t" +
        "subc.cc.u64 s3, t3, %15;\n\t" +
        "subc.u64 q, 0, 0;\n\t" +
        "setp.eq.u64 p, q, 0;\n\t" +
        "selp.b64 %0, s0, t0, p;\n\t" +
        "selp.b64 %1, s1, t1, p;\n\t" +
        "selp.b64 %2, s2, t2, p;\n\t" +
        "selp.b64 %3, s3, t3, p;\n\t";

    /// <summary>Operands: %0..%3 result, %4..%7 a, %8..%11 b, %12..%15 m, %16 -m^-1 mod 2^64.</summary>
    internal const string MulPtx =
        "{\n\t.reg .u64 t<5>;\n\t.reg .u64 s<4>;\n\t.reg .u64 q;\n\t.reg .pred p;\n\t" +
        Round0 + Round1 + Round2 + Round3 + FinalSubtract + "}";

    /// <summary>Operands: %0..%3 result, %4..%7 a, %8..%11 b, %12..%15 m. a + b &lt; 2m &lt; 2^255 never carries out.</summary>
    internal const string AddPtx =
        "{\n\t.reg .u64 t<4>;\n\t.reg .u64 s<4>;\n\t.reg .u64 q;\n\t.reg .pred p;\n\t" +
        "add.cc.u64 t0, %4, %8;\n\t" +
        "addc.cc.u64 t1, %5, %9;\n\t" +
        "addc.cc.u64 t2, %6, %10;\n\t" +
        "addc.u64 t3, %7, %11;\n\t" +
        FinalSubtract + "}";

    /// <summary>Operands as <see cref="AddPtx"/>: a - b, plus m masked in by the borrow, without a branch.</summary>
    internal const string SubPtx =
        "{\n\t.reg .u64 t<4>;\n\t.reg .u64 k<4>;\n\t.reg .u64 q;\n\t" +
        "sub.cc.u64 t0, %4, %8;\n\t" +
        "subc.cc.u64 t1, %5, %9;\n\t" +
        "subc.cc.u64 t2, %6, %10;\n\t" +
        "subc.cc.u64 t3, %7, %11;\n\t" +
        "subc.u64 q, 0, 0;\n\t" +
        "and.b64 k0, %12, q;\n\t" +
        "and.b64 k1, %13, q;\n\t" +
        "and.b64 k2, %14, q;\n\t" +
        "and.b64 k3, %15, q;\n\t" +
        "add.cc.u64 %0, t0, k0;\n\t" +
        "addc.cc.u64 %1, t1, k1;\n\t" +
        "addc.cc.u64 %2, t2, k2;\n\t" +
        "addc.u64 %3, t3, k3;\n\t}";

    public static Word256 Mul<M>(Word256 a, Word256 b) where M : struct, IDeviceModulus
    {
        if (CudaAsm.IsSupported)
        {
            var m = default(M);
            var r0 = new Output<ulong>(); var r1 = new Output<ulong>(); var r2 = new Output<ulong>(); var r3 = new Output<ulong>();
            Input<ulong> a0 = a.L0, a1 = a.L1, a2 = a.L2, a3 = a.L3;
            Input<ulong> b0 = b.L0, b1 = b.L1, b2 = b.L2, b3 = b.L3;
            Input<ulong> m0 = m.M0, m1 = m.M1, m2 = m.M2, m3 = m.M3, inv = m.Inv;
            CudaAsm.EmitRef(MulPtx, ref r0, ref r1, ref r2, ref r3, ref a0, ref a1, ref a2, ref a3,
                ref b0, ref b1, ref b2, ref b3, ref m0, ref m1, ref m2, ref m3, ref inv);
            return new Word256(r0.Value, r1.Value, r2.Value, r3.Value);
        }
        return MulPortable<M>(a, b);
    }

    public static Word256 Add<M>(Word256 a, Word256 b) where M : struct, IDeviceModulus
    {
        if (CudaAsm.IsSupported)
        {
            var m = default(M);
            var r0 = new Output<ulong>(); var r1 = new Output<ulong>(); var r2 = new Output<ulong>(); var r3 = new Output<ulong>();
            Input<ulong> a0 = a.L0, a1 = a.L1, a2 = a.L2, a3 = a.L3;
            Input<ulong> b0 = b.L0, b1 = b.L1, b2 = b.L2, b3 = b.L3;
            Input<ulong> m0 = m.M0, m1 = m.M1, m2 = m.M2, m3 = m.M3;
            CudaAsm.EmitRef(AddPtx, ref r0, ref r1, ref r2, ref r3, ref a0, ref a1, ref a2, ref a3,
                ref b0, ref b1, ref b2, ref b3, ref m0, ref m1, ref m2, ref m3);
            return new Word256(r0.Value, r1.Value, r2.Value, r3.Value);
        }
        return AddPortable<M>(a, b);
    }

    public static Word256 Sub<M>(Word256 a, Word256 b) where M : struct, IDeviceModulus
    {
        if (CudaAsm.IsSupported)
        {
            var m = default(M);
            var r0 = new Output<ulong>(); var r1 = new Output<ulong>(); var r2 = new Output<ulong>(); var r3 = new Output<ulong>();
            Input<ulong> a0 = a.L0, a1 = a.L1, a2 = a.L2, a3 = a.L3;
            Input<ulong> b0 = b.L0, b1 = b.L1, b2 = b.L2, b3 = b.L3;
            Input<ulong> m0 = m.M0, m1 = m.M1, m2 = m.M2, m3 = m.M3;
            CudaAsm.EmitRef(SubPtx, ref r0, ref r1, ref r2, ref r3, ref a0, ref a1, ref a2, ref a3,
                ref b0, ref b1, ref b2, ref b3, ref m0, ref m1, ref m2, ref m3);
            return new Word256(r0.Value, r1.Value, r2.Value, r3.Value);
        }
        return SubPortable<M>(a, b);
    }

    /// <summary>CIOS with a five-word accumulator, the same rounds as <see cref="MulPtx"/>.</summary>
    public static Word256 MulPortable<M>(Word256 a, Word256 b) where M : struct, IDeviceModulus
    {
        ulong t0 = 0, t1 = 0, t2 = 0, t3 = 0;
        Round<M>(a, b.L0, ref t0, ref t1, ref t2, ref t3);
        Round<M>(a, b.L1, ref t0, ref t1, ref t2, ref t3);
        Round<M>(a, b.L2, ref t0, ref t1, ref t2, ref t3);
        Round<M>(a, b.L3, ref t0, ref t1, ref t2, ref t3);
        return SubtractModulusOnce<M>(t0, t1, t2, t3);
    }

    static void Round<M>(Word256 a, ulong bi, ref ulong t0, ref ulong t1, ref ulong t2, ref ulong t3) where M : struct, IDeviceModulus
    {
        var m = default(M);
        ulong c = Wide.MulAdd(a.L0, bi, t0, 0, out ulong u0);
        c = Wide.MulAdd(a.L1, bi, t1, c, out ulong u1);
        c = Wide.MulAdd(a.L2, bi, t2, c, out ulong u2);
        c = Wide.MulAdd(a.L3, bi, t3, c, out ulong u3);
        ulong u4 = c;
        ulong q = u0 * m.Inv;
        c = Wide.MulAdd(q, m.M0, u0, 0, out _);
        c = Wide.MulAdd(q, m.M1, u1, c, out t0);
        c = Wide.MulAdd(q, m.M2, u2, c, out t1);
        c = Wide.MulAdd(q, m.M3, u3, c, out t2);
        t3 = u4 + c;
    }

    public static Word256 AddPortable<M>(Word256 a, Word256 b) where M : struct, IDeviceModulus
    {
        ulong c = 0;
        ulong r0 = Wide.AddCarry(a.L0, b.L0, ref c);
        ulong r1 = Wide.AddCarry(a.L1, b.L1, ref c);
        ulong r2 = Wide.AddCarry(a.L2, b.L2, ref c);
        ulong r3 = a.L3 + b.L3 + c;
        return SubtractModulusOnce<M>(r0, r1, r2, r3);
    }

    public static Word256 SubPortable<M>(Word256 a, Word256 b) where M : struct, IDeviceModulus
    {
        var m = default(M);
        ulong borrow = 0;
        ulong r0 = Wide.SubBorrow(a.L0, b.L0, ref borrow);
        ulong r1 = Wide.SubBorrow(a.L1, b.L1, ref borrow);
        ulong r2 = Wide.SubBorrow(a.L2, b.L2, ref borrow);
        ulong r3 = Wide.SubBorrow(a.L3, b.L3, ref borrow);
        ulong mask = 0UL - borrow;
        ulong c = 0;
        r0 = Wide.AddCarry(r0, m.M0 & mask, ref c);
        r1 = Wide.AddCarry(r1, m.M1 & mask, ref c);
        r2 = Wide.AddCarry(r2, m.M2 & mask, ref c);
        r3 = r3 + (m.M3 & mask) + c;
        return new Word256(r0, r1, r2, r3);
    }

    static Word256 SubtractModulusOnce<M>(ulong t0, ulong t1, ulong t2, ulong t3) where M : struct, IDeviceModulus
    {
        var m = default(M);
        ulong borrow = 0;
        ulong s0 = Wide.SubBorrow(t0, m.M0, ref borrow);
        ulong s1 = Wide.SubBorrow(t1, m.M1, ref borrow);
        ulong s2 = Wide.SubBorrow(t2, m.M2, ref borrow);
        ulong s3 = Wide.SubBorrow(t3, m.M3, ref borrow);
        return borrow == 0 ? new Word256(s0, s1, s2, s3) : new Word256(t0, t1, t2, t3);
    }

    /// <summary>x^e by square-and-multiply over the bits of e, highest first.</summary>
    public static Word256 Pow<M>(Word256 x, ulong e) where M : struct, IDeviceModulus
    {
        var result = default(M).One;
        int top = 63;
        while (top > 0 && ((e >> top) & 1UL) == 0) top--;
        for (int bit = top; bit >= 0; bit--)
        {
            result = Mul<M>(result, result);
            if (((e >> bit) & 1UL) != 0) result = Mul<M>(result, x);
        }
        return result;
    }

    /// <summary>Montgomery form to the canonical integer: x * R^-1, i.e. a product with the plain integer 1.</summary>
    public static Word256 ToCanonical<M>(Word256 x) where M : struct, IDeviceModulus => Mul<M>(x, new Word256(1, 0, 0, 0));
}
