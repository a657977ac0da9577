using System.Runtime.CompilerServices;

namespace ZkPot.Gpu.Device;

/// <summary>
/// Group law on an a = 0 short Weierstrass curve over a device field, with the formulas of
/// <see cref="JacobianPoint{F}"/> (EFD dbl-2009-l, add-2007-bl, madd-2007-bl) and the same special cases, so bucket
/// sums with repeated or opposite points stay exact. The group operations are not inlined: ILGPU inlines
/// everything else, and a kernel with a dozen inlined G2 additions took minutes to compile; as PTX functions each
/// is compiled once and the call costs little beside its dozens of field products.
/// </summary>
internal static class DeviceCurve
{
    public static DeviceJacobian<T> Infinity<T, TF>() where T : unmanaged where TF : struct, IDeviceField<T>
    {
        var f = default(TF);
        return new(f.One, f.One, f.Zero);
    }

    public static bool IsInfinity<T, TF>(DeviceJacobian<T> p) where T : unmanaged where TF : struct, IDeviceField<T> =>
        default(TF).IsZero(p.Z);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static DeviceJacobian<T> Double<T, TF>(DeviceJacobian<T> p) where T : unmanaged where TF : struct, IDeviceField<T>
    {
        var f = default(TF);
        if (f.IsZero(p.Z)) return p;
        var a = f.Square(p.X);
        var b = f.Square(p.Y);
        var c = f.Square(b);
        var xb = f.Add(p.X, b);
        var d = f.Sub(f.Sub(f.Square(xb), a), c);
        d = f.Add(d, d);
        var e = f.Add(f.Add(a, a), a);
        var g = f.Square(e);
        var x3 = f.Sub(g, f.Add(d, d));
        var c2 = f.Add(c, c);
        var c4 = f.Add(c2, c2);
        var c8 = f.Add(c4, c4);
        var y3 = f.Sub(f.Mul(e, f.Sub(d, x3)), c8);
        var yz = f.Mul(p.Y, p.Z);
        return new(x3, y3, f.Add(yz, yz));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static DeviceJacobian<T> Add<T, TF>(DeviceJacobian<T> p, DeviceJacobian<T> q) where T : unmanaged where TF : struct, IDeviceField<T>
    {
        var f = default(TF);
        if (f.IsZero(p.Z)) return q;
        if (f.IsZero(q.Z)) return p;
        var z1z1 = f.Square(p.Z);
        var z2z2 = f.Square(q.Z);
        var u1 = f.Mul(p.X, z2z2);
        var u2 = f.Mul(q.X, z1z1);
        var s1 = f.Mul(f.Mul(p.Y, q.Z), z2z2);
        var s2 = f.Mul(f.Mul(q.Y, p.Z), z1z1);
        var h = f.Sub(u2, u1);
        var rHalf = f.Sub(s2, s1);
        var r = f.Add(rHalf, rHalf);
        if (f.IsZero(h)) return f.IsZero(r) ? Double<T, TF>(p) : Infinity<T, TF>();
        var h2 = f.Add(h, h);
        var i = f.Square(h2);
        var j = f.Mul(h, i);
        var v = f.Mul(u1, i);
        var x3 = f.Sub(f.Sub(f.Square(r), j), f.Add(v, v));
        var s1j = f.Mul(s1, j);
        var y3 = f.Sub(f.Mul(r, f.Sub(v, x3)), f.Add(s1j, s1j));
        var zz = f.Add(p.Z, q.Z);
        var z3 = f.Mul(f.Sub(f.Sub(f.Square(zz), z1z1), z2z2), h);
        return new(x3, y3, z3);
    }

    /// <summary>p + (x, y) for an affine point that is not at infinity.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static DeviceJacobian<T> AddAffine<T, TF>(DeviceJacobian<T> p, T x, T y) where T : unmanaged where TF : struct, IDeviceField<T>
    {
        var f = default(TF);
        if (f.IsZero(p.Z)) return new(x, y, f.One);
        var z1z1 = f.Square(p.Z);
        var u2 = f.Mul(x, z1z1);
        var s2 = f.Mul(f.Mul(y, p.Z), z1z1);
        var h = f.Sub(u2, p.X);
        var rHalf = f.Sub(s2, p.Y);
        var r = f.Add(rHalf, rHalf);
        if (f.IsZero(h)) return f.IsZero(r) ? Double<T, TF>(p) : Infinity<T, TF>();
        var hh = f.Square(h);
        var hh2 = f.Add(hh, hh);
        var i = f.Add(hh2, hh2);
        var j = f.Mul(h, i);
        var v = f.Mul(p.X, i);
        var x3 = f.Sub(f.Sub(f.Square(r), j), f.Add(v, v));
        var yj = f.Mul(p.Y, j);
        var y3 = f.Sub(f.Mul(r, f.Sub(v, x3)), f.Add(yj, yj));
        var zh = f.Add(p.Z, h);
        var z3 = f.Sub(f.Sub(f.Square(zh), z1z1), hh);
        return new(x3, y3, z3);
    }

    /// <summary>[k]p for a small non-negative k (a bucket index), by double-and-add from the top bit.</summary>
    public static DeviceJacobian<T> MultiplySmall<T, TF>(DeviceJacobian<T> p, int k) where T : unmanaged where TF : struct, IDeviceField<T>
    {
        var acc = Infinity<T, TF>();
        for (int bit = 30; bit >= 0; bit--)
        {
            acc = Double<T, TF>(acc);
            if (((k >> bit) & 1) != 0) acc = Add<T, TF>(acc, p);
        }
        return acc;
    }
}
