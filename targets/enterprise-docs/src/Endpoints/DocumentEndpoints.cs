using EnterpriseDocs.Data;

namespace EnterpriseDocs.Endpoints;

/// <summary>Maps the document and search routes under /api (authorization from the fallback policy).</summary>
public static class DocumentEndpoints
{
    /// <summary>
    /// Adds GET/POST /api/documents (page, pageSize or its alias size), GET /api/documents/{id} and
    /// GET /api/search (q, limit).
    /// </summary>
    public static void MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");

        api.MapGet("/documents", async (int? page, int? pageSize, int? size, DocumentRepository repository, CancellationToken cancel) =>
        {
            int p = Math.Max(1, page ?? 1);
            int perPage = Math.Clamp(pageSize ?? size ?? 20, 1, DocumentRepository.MaxPageSize);
            return Results.Ok(await repository.ListAsync(p, perPage, cancel));
        });

        api.MapGet("/documents/{id:long}", async (long id, DocumentService documents, HttpContext context, CancellationToken cancel) =>
        {
            var found = await documents.GetJsonAsync(id, cancel);
            if (found is null)
            {
                return Results.NotFound(new { error = "document not found", id });
            }
            context.Response.Headers["X-Cache"] = found.Value.Hit ? "HIT" : "MISS";
            return Results.Text(found.Value.Json, "application/json");
        });

        api.MapPost("/documents", async (NewDocument body, DocumentRepository repository, CancellationToken cancel) =>
        {
            if (string.IsNullOrWhiteSpace(body.Title))
            {
                return Results.BadRequest(new { error = "title is required" });
            }
            Document created = await repository.CreateAsync(body, cancel);
            return Results.Created($"/api/documents/{created.Id}", created);
        });

        api.MapGet("/search", async (string? q, int? limit, DocumentRepository repository, CancellationToken cancel) =>
        {
            if (string.IsNullOrWhiteSpace(q))
            {
                return Results.BadRequest(new { error = "q is required" });
            }
            int max = Math.Clamp(limit ?? 20, 1, 100);
            var hits = await repository.SearchAsync(q, max, cancel);
            return Results.Ok(new { query = q, count = hits.Count, hits });
        });
    }
}
