namespace ZkPot.Learning;

/// <summary>The contents of an IDX image file (magic 0x00000803): count images of rows x columns bytes, stored back to back.</summary>
public sealed record IdxImages(int Count, int Rows, int Columns, byte[] Pixels);
