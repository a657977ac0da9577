using System.Runtime.CompilerServices;

namespace ZkPot.Crypto;

/// <summary>
/// The Jacobian formulas (dbl-2009-l, madd-2007-bl, add-2007-bl) on eight points at once, for curves y^2 = x^3 + b over
/// the field of the lanes T. Inputs and outputs are reduced below 3m per coordinate (a gathered affine operand may be
/// below 32m); every sum fed to a product stays below 70m (see <see cref="LaneMultiplier{T, F}"/> for the bounds). Equal
/// or opposite operands of an addition (which need the doubling formula), or the point at infinity, give Z = 0, which
/// stays 0: callers check Z at the end and redo such lanes one point at a time.
/// </summary>
[SkipLocalsInit]
internal static class JacobianLanes<T> where T : unmanaged, ILanes<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T MulR(in T a, in T b) => T.ReduceProduct(T.MulBounded(a, b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T SquareR(in T a) => T.ReduceProduct(T.SquareBounded(a));

    /// <summary>dbl-2009-l on reduced inputs (below 3m); outputs reduced.</summary>
    public static void Double(ref T x, ref T y, ref T z)
    {
        var a = SquareR(x);
        var b = SquareR(y);
        var c = SquareR(b);
        var t = T.Sub(T.Sub(SquareR(T.Add(x, b)), a, T.Offset32), c, T.Offset32);
        var d = T.Reduce(T.Add(t, t));
        var e = T.Add(T.Add(a, a), a);
        var f = SquareR(e);
        var x3 = T.Reduce(T.Sub(f, T.Add(d, d), T.Offset32));
        var c8 = T.Add(c, c);
        c8 = T.Add(c8, c8);
        c8 = T.Add(c8, c8);
        var y3 = T.Reduce(T.Sub(MulR(e, T.Sub(d, x3, T.Offset32)), c8, T.Offset32));
        var yz = MulR(y, z);
        z = T.Reduce(T.Add(yz, yz));
        x = x3;
        y = y3;
    }

    /// <summary>madd-2007-bl: accumulator reduced below 3m, (qx, qy) affine below 32m; outputs reduced.</summary>
    public static void AddMixed(ref T x, ref T y, ref T z, in T qx, in T qy)
    {
        var z1z1 = SquareR(z);
        var u2 = MulR(qx, z1z1);
        var s2 = MulR(MulR(qy, z), z1z1);
        var h = T.Sub(u2, x, T.Offset32);
        var hh = SquareR(h);
        var i = T.Add(hh, hh);
        i = T.Add(i, i);
        var j = MulR(h, i);
        var r = T.Sub(s2, y, T.Offset32);
        r = T.Add(r, r);
        var v = MulR(x, i);
        var x3 = T.Reduce(T.Sub(T.Sub(SquareR(r), j, T.Offset32), T.Add(v, v), T.Offset32));
        var yj = MulR(y, j);
        var y3 = T.Reduce(T.Sub(MulR(r, T.Sub(v, x3, T.Offset32)), T.Add(yj, yj), T.Offset32));
        var z3 = T.Reduce(T.Sub(T.Sub(SquareR(T.Add(z, h)), z1z1, T.Offset32), hh, T.Offset32));
        x = x3;
        y = y3;
        z = z3;
    }

    /// <summary>add-2007-bl on reduced inputs; outputs reduced.</summary>
    public static void AddFull(ref T x, ref T y, ref T z, in T qx, in T qy, in T qz)
    {
        var z1z1 = SquareR(z);
        var z2z2 = SquareR(qz);
        var u1 = MulR(x, z2z2);
        var u2 = MulR(qx, z1z1);
        var s1 = MulR(MulR(y, qz), z2z2);
        var s2 = MulR(MulR(qy, z), z1z1);
        var h = T.Sub(u2, u1, T.Offset32);
        var i = SquareR(T.Add(h, h));
        var j = MulR(h, i);
        var r = T.Sub(s2, s1, T.Offset32);
        r = T.Add(r, r);
        var v = MulR(u1, i);
        var x3 = T.Reduce(T.Sub(T.Sub(SquareR(r), j, T.Offset32), T.Add(v, v), T.Offset32));
        var s1j = MulR(s1, j);
        var y3 = T.Reduce(T.Sub(MulR(r, T.Sub(v, x3, T.Offset32)), T.Add(s1j, s1j), T.Offset32));
        var z3 = T.Reduce(T.MulBounded(T.Reduce(T.Sub(T.Sub(SquareR(T.Add(z, qz)), z1z1, T.Offset32), z2z2, T.Offset32)), h));
        x = x3;
        y = y3;
        z = z3;
    }
}
