namespace ZkPot.Crypto;

/// <summary>A curve point in affine coordinates; the point at infinity has <see cref="IsInfinity"/> set and zero coordinates.</summary>
public readonly struct AffinePoint<F> : IEquatable<AffinePoint<F>> where F : struct, IField<F>
{
    public readonly F X, Y;
    public readonly bool IsInfinity;

    public AffinePoint(in F x, in F y) { X = x; Y = y; IsInfinity = false; }
    AffinePoint(bool infinity) { X = default; Y = default; IsInfinity = infinity; }

    public static AffinePoint<F> Infinity => new(true);

    public JacobianPoint<F> ToJacobian() => IsInfinity ? JacobianPoint<F>.Infinity : new JacobianPoint<F>(X, Y, F.One);

    public AffinePoint<F> Negate() => IsInfinity ? this : new AffinePoint<F>(X, -Y);

    /// <summary>Whether y^2 = x^3 + b (the point at infinity is on every curve).</summary>
    public bool IsOnCurve(in F b) => IsInfinity || Y.Square().Equals(X.Square() * X + b);

    public bool Equals(AffinePoint<F> o) => IsInfinity ? o.IsInfinity : !o.IsInfinity && X.Equals(o.X) && Y.Equals(o.Y);
    public override bool Equals(object? obj) => obj is AffinePoint<F> o && Equals(o);
    public override int GetHashCode() => IsInfinity ? 0 : HashCode.Combine(X, Y);
    public static bool operator ==(in AffinePoint<F> a, in AffinePoint<F> b) => a.Equals(b);
    public static bool operator !=(in AffinePoint<F> a, in AffinePoint<F> b) => !a.Equals(b);
    public override string ToString() => IsInfinity ? "infinity" : $"({X}, {Y})";
}
