namespace ZkPot.Ledger.Storage;

/// <summary>RFC 4648 base32 with the lower-case alphabet and no padding, as multibase 'b' uses it.</summary>
public static class Base32
{
    const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var chars = new char[(data.Length * 8 + 4) / 5];
        int buffer = 0, bits = 0, o = 0;
        foreach (byte b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                chars[o++] = Alphabet[(buffer >> bits) & 31];
            }
        }
        if (bits > 0) chars[o++] = Alphabet[(buffer << (5 - bits)) & 31];
        return new string(chars, 0, o);
    }

    /// <summary>Decodes lower-case unpadded base32; refuses other characters and non-zero leftover bits (which would give one value two spellings).</summary>
    public static byte[] Decode(string text)
    {
        int rem = text.Length % 8;
        if (rem is 1 or 3 or 6) throw new FormatException($"base32: a length of {text.Length} characters is impossible");
        var bytes = new byte[text.Length * 5 / 8];
        int buffer = 0, bits = 0, o = 0;
        for (int i = 0; i < text.Length; i++)
        {
            int v = Alphabet.IndexOf(text[i]);
            if (v < 0) throw new FormatException($"base32: character '{text[i]}' at index {i} is not in the lower-case alphabet");
            buffer = ((buffer << 5) | v) & 0xFFFF;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes[o++] = (byte)(buffer >> bits);
            }
        }
        if ((buffer & ((1 << bits) - 1)) != 0) throw new FormatException("base32: the last character has non-zero padding bits");
        return bytes;
    }
}
