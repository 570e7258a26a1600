namespace Hydra.Dicom.Redaction.Scanning;

/// <summary>A rectangle of pixels, origin top left; Right and Bottom are exclusive.</summary>
internal readonly record struct Box(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;

    public int Bottom => Y + Height;

    public long Area => (long)Width * Height;

    public bool IsEmpty => Width <= 0 || Height <= 0;

    public static Box FromEdges(int left, int top, int right, int bottom) => new(left, top, right - left, bottom - top);

    /// <summary>This box grown by <paramref name="margin"/> on every side and clipped to a <paramref name="width"/> x <paramref name="height"/> frame.</summary>
    public Box Inflate(int margin, int width, int height) =>
        FromEdges(Math.Max(0, X - margin), Math.Max(0, Y - margin), Math.Min(width, Right + margin), Math.Min(height, Bottom + margin));

    public bool Intersects(Box other) => X < other.Right && other.X < Right && Y < other.Bottom && other.Y < Bottom;

    public bool Contains(Box other) => other.X >= X && other.Y >= Y && other.Right <= Right && other.Bottom <= Bottom;

    public Box Union(Box other) =>
        FromEdges(Math.Min(X, other.X), Math.Min(Y, other.Y), Math.Max(Right, other.Right), Math.Max(Bottom, other.Bottom));

    /// <summary>Merges overlapping boxes until none overlap (a few boxes per frame: quadratic is fine).</summary>
    public static List<Box> MergeOverlapping(IEnumerable<Box> boxes)
    {
        var merged = boxes.Where(b => !b.IsEmpty).ToList();
        for (var changed = true; changed;)
        {
            changed = false;
            for (var i = 0; i < merged.Count && !changed; i++)
            {
                for (var j = i + 1; j < merged.Count; j++)
                {
                    if (merged[i].Intersects(merged[j]))
                    {
                        merged[i] = merged[i].Union(merged[j]);
                        merged.RemoveAt(j);
                        changed = true;
                        break;
                    }
                }
            }
        }

        return merged;
    }
}
