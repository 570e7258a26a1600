namespace Hydra.Dicom.Redaction.Scanning;

/// <summary>
/// Groups the pre-filter's busy cells into candidates: 8-connected cells with enough busy rows; OCR reads each group's
/// box grown by one cell on every side (a glyph's top or tail can fall in a quieter neighbour), overlapping boxes
/// merged; the cells themselves (the core) are what is blanked with the words when OCR finds text there. Too much
/// candidate area (noise, a textured image) makes the whole frame one candidate.
/// </summary>
internal static class CandidateFinder
{
    private const int Cell = TransitionCounter.Cell;

    public static List<Candidate> Find(byte[] busy, int width, int height, PixelCleaningOptions options, out bool wholeFrame)
    {
        var columns = (width + Cell - 1) / Cell;
        var rows = (height + Cell - 1) / Cell;
        var seen = new bool[busy.Length];
        var stack = new Stack<int>();
        var cores = new List<Box>();
        for (var start = 0; start < busy.Length; start++)
        {
            if (seen[start] || busy[start] < options.MinimumBusyRows)
            {
                continue;
            }

            var (left, top, right, bottom) = (int.MaxValue, int.MaxValue, -1, -1);
            seen[start] = true;
            stack.Push(start);
            while (stack.TryPop(out var cell))
            {
                var (cx, cy) = (cell % columns, cell / columns);
                (left, top, right, bottom) = (Math.Min(left, cx), Math.Min(top, cy), Math.Max(right, cx), Math.Max(bottom, cy));
                for (var dy = -1; dy <= 1; dy++)
                {
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        var (nx, ny) = (cx + dx, cy + dy);
                        var next = (ny * columns) + nx;
                        if (nx >= 0 && ny >= 0 && nx < columns && ny < rows && !seen[next] && busy[next] >= options.MinimumBusyRows)
                        {
                            seen[next] = true;
                            stack.Push(next);
                        }
                    }
                }
            }

            cores.Add(Box.FromEdges(left * Cell, top * Cell, Math.Min(width, (right + 1) * Cell), Math.Min(height, (bottom + 1) * Cell)));
        }

        var merged = Box.MergeOverlapping(cores.Select(c => c.Inflate(Cell, width, height)));
        wholeFrame = merged.Sum(b => b.Area) > options.MaxCandidateFraction * width * height;
        if (wholeFrame)
        {
            return [new Candidate(new Box(0, 0, width, height), default)];
        }

        return merged.Select(read => new Candidate(read, cores.Where(read.Contains).Aggregate((a, b) => a.Union(b)))).ToList();
    }
}

/// <summary>A box OCR reads, and the busy cells inside it (empty when the whole frame is read).</summary>
internal readonly record struct Candidate(Box Read, Box Core);
