namespace ZkPot.Circuits;

/// <summary>32 big-endian bytes as a field element, refusing values not below the modulus.</summary>
public static class FieldBytes
{
    public static Fr Read(ReadOnlySpan<byte> bytes, string what)
    {
        var value = new System.Numerics.BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        if (value >= Fr.Modulus) throw new InvalidDataException($"{what} is not below the BN254 scalar field modulus");
        return Fr.FromBigInteger(value);
    }
}
