namespace EnterpriseDocs.Data;

/// <summary>One document with its content, as GET /api/documents/{id} returns it.</summary>
public sealed record Document(
    long Id,
    string Title,
    string Owner,
    string Department,
    string MimeType,
    long SizeBytes,
    int Version,
    string[] Tags,
    string Content,
    DateTime CreatedAt,
    DateTime UpdatedAt);

/// <summary>A document without its content, as the paged list returns it.</summary>
public sealed record DocumentSummary(
    long Id,
    string Title,
    string Owner,
    string Department,
    string MimeType,
    long SizeBytes,
    int Version,
    DateTime UpdatedAt);

/// <summary>A full-text search hit with its rank.</summary>
public sealed record SearchHit(long Id, string Title, string Department, float Rank);

/// <summary>The body of POST /api/documents; absent fields get defaults.</summary>
public sealed record NewDocument(
    string? Title,
    string? Owner,
    string? Department,
    string? MimeType,
    long? SizeBytes,
    string[]? Tags,
    string? Content);

/// <summary>One page of the document list.</summary>
public sealed record DocumentPage(int Page, int PageSize, bool HasMore, IReadOnlyList<DocumentSummary> Items);
