using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Content.PropertyEditors;
using SafeguardingSite.Learning.Data;
using SafeguardingSite.Learning.Model;

namespace SafeguardingSite.Learning.ELearning;

/// <summary>The back office's forms for an e-learning course; the field names are unique across its screen.</summary>
public sealed class ModuleForm
{
    public string? ModuleTitle { get; set; }
}

public sealed class PageForm
{
    public string? PageModule { get; set; }
    public string? PageTitle { get; set; }
    public string? PageKind { get; set; }
    public string? PageBody { get; set; }
    public string? PageVideoUrl { get; set; }
}

public sealed class QuestionForm
{
    public string? QuestionText { get; set; }

    /// <summary>One option a line.</summary>
    public string? QuestionOptions { get; set; }
    public string? QuestionCorrect { get; set; }
}

/// <summary>Everything the back office shows for one e-learning course.</summary>
public sealed record ELearningOutline(Course Course, IReadOnlyList<ELearningModule> Modules, IReadOnlyList<ELearningQuestion> Questions, int PassMarkPercent);

/// <summary>Builds and changes an e-learning course's modules, pages and knowledge check, validating every field.</summary>
public sealed class ELearningAdminService(IDbContextFactory<LearningDbContext> databases, RichTextSanitizer sanitizer)
{
    public async Task<ELearningOutline?> OutlineAsync(int courseId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await db.Courses.AsNoTracking().FirstOrDefaultAsync(c => c.Id == courseId, cancellationToken) is not { } course)
        {
            return null;
        }

        var modules = await db.Set<ELearningModule>().AsNoTracking().Include(m => m.Pages)
            .Where(m => m.CourseId == courseId).OrderBy(m => m.Position).ThenBy(m => m.Id).ToListAsync(cancellationToken);
        foreach (var module in modules)
        {
            module.Pages = [.. module.Pages.OrderBy(p => p.Position).ThenBy(p => p.Id)];
        }

        var questions = await db.Set<ELearningQuestion>().AsNoTracking().Where(q => q.CourseId == courseId)
            .OrderBy(q => q.Position).ThenBy(q => q.Id).ToListAsync(cancellationToken);
        var check = await db.Set<ELearningCheck>().AsNoTracking().FirstOrDefaultAsync(c => c.CourseId == courseId, cancellationToken);
        return new ELearningOutline(course, modules, questions, check?.PassMarkPercent ?? ELearningLimits.DefaultPassMark);
    }

    public async Task<Dictionary<string, string>> AddModuleAsync(int courseId, ModuleForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new Dictionary<string, string>();
        var title = PlainText(form.ModuleTitle, nameof(ModuleForm.ModuleTitle), "the module's title", ELearningLimits.Title, errors);
        if (errors.Count > 0)
        {
            return errors;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var position = await db.Set<ELearningModule>().Where(m => m.CourseId == courseId).Select(m => (int?)m.Position).MaxAsync(cancellationToken) ?? 0;
        db.Add(new ELearningModule { CourseId = courseId, Title = title, Position = position + 1 });
        await db.SaveChangesAsync(cancellationToken);
        return errors;
    }

    public async Task<Dictionary<string, string>> AddPageAsync(int courseId, PageForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var errors = new Dictionary<string, string>();
        if (await ValidPageAsync(db, courseId, form, errors, cancellationToken) is not { } valid)
        {
            return errors;
        }

        var page = new ELearningPage { ModuleId = valid.ModuleId, Position = await NextPagePositionAsync(db, valid.ModuleId, cancellationToken) };
        valid.CopyTo(page);
        db.Add(page);
        await db.SaveChangesAsync(cancellationToken);
        return errors;
    }

    /// <summary>The page as its edit form shows it, or null when the course has no such page.</summary>
    public async Task<PageForm?> PageFormAsync(int courseId, int pageId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await CoursePages(db, courseId).AsNoTracking().Where(p => p.Id == pageId).Select(p => new PageForm
        {
            PageModule = p.ModuleId.ToString(CultureInfo.InvariantCulture),
            PageTitle = p.Title,
            PageKind = p.Kind.ToString(),
            PageBody = p.BodyHtml,
            PageVideoUrl = p.VideoUrl,
        }).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Changes a page in place, keeping learners' progress on it; moved to another module, it goes to that module's end.
    /// Null when the course has no such page.
    /// </summary>
    public async Task<Dictionary<string, string>?> UpdatePageAsync(int courseId, int pageId, PageForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await CoursePages(db, courseId).FirstOrDefaultAsync(p => p.Id == pageId, cancellationToken) is not { } page)
        {
            return null;
        }

        var errors = new Dictionary<string, string>();
        if (await ValidPageAsync(db, courseId, form, errors, cancellationToken) is not { } valid)
        {
            return errors;
        }

        if (valid.ModuleId != page.ModuleId)
        {
            page.Position = await NextPagePositionAsync(db, valid.ModuleId, cancellationToken);
            page.ModuleId = valid.ModuleId;
        }

        valid.CopyTo(page);
        await db.SaveChangesAsync(cancellationToken);
        return errors;
    }

    /// <summary>Moves a page one place up (<paramref name="step"/> -1) or down (+1) in its module; false when the course has no such page.</summary>
    public async Task<bool> MovePageAsync(int courseId, int pageId, int step, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await CoursePages(db, courseId).AsNoTracking().FirstOrDefaultAsync(p => p.Id == pageId, cancellationToken) is not { } page)
        {
            return false;
        }

        var siblings = await db.Set<ELearningPage>().Where(p => p.ModuleId == page.ModuleId).OrderBy(p => p.Position).ThenBy(p => p.Id).ToListAsync(cancellationToken);
        Reorder(siblings, pageId, step, p => p.Id, (p, position) => p.Position = position);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<Dictionary<string, string>> AddQuestionAsync(int courseId, QuestionForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new Dictionary<string, string>();
        if (ValidQuestion(form, errors) is not { } valid)
        {
            return errors;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var position = await db.Set<ELearningQuestion>().Where(q => q.CourseId == courseId).Select(q => (int?)q.Position).MaxAsync(cancellationToken) ?? 0;
        var question = new ELearningQuestion { CourseId = courseId, Position = position + 1 };
        valid.CopyTo(question);
        db.Add(question);
        await db.SaveChangesAsync(cancellationToken);
        return errors;
    }

    /// <summary>The question as its edit form shows it, or null when the course has no such question.</summary>
    public async Task<QuestionForm?> QuestionFormAsync(int courseId, int questionId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Set<ELearningQuestion>().AsNoTracking().Where(q => q.Id == questionId && q.CourseId == courseId).Select(q => new QuestionForm
        {
            QuestionText = q.Text,
            QuestionOptions = q.Options,
            QuestionCorrect = q.CorrectOption.ToString(CultureInfo.InvariantCulture),
        }).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Changes a question in place; attempts already marked keep their result. Null when the course has no such question.</summary>
    public async Task<Dictionary<string, string>?> UpdateQuestionAsync(int courseId, int questionId, QuestionForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await db.Set<ELearningQuestion>().FirstOrDefaultAsync(q => q.Id == questionId && q.CourseId == courseId, cancellationToken) is not { } question)
        {
            return null;
        }

        var errors = new Dictionary<string, string>();
        if (ValidQuestion(form, errors) is not { } valid)
        {
            return errors;
        }

        valid.CopyTo(question);
        await db.SaveChangesAsync(cancellationToken);
        return errors;
    }

    /// <summary>Moves a question one place up (<paramref name="step"/> -1) or down (+1) in the check; false when the course has no such question.</summary>
    public async Task<bool> MoveQuestionAsync(int courseId, int questionId, int step, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var questions = await db.Set<ELearningQuestion>().Where(q => q.CourseId == courseId).OrderBy(q => q.Position).ThenBy(q => q.Id).ToListAsync(cancellationToken);
        if (questions.All(q => q.Id != questionId))
        {
            return false;
        }

        Reorder(questions, questionId, step, q => q.Id, (q, position) => q.Position = position);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<Dictionary<string, string>> SetPassMarkAsync(int courseId, string? passMark, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        if (passMark is not { Length: <= 3 } || !int.TryParse(passMark, NumberStyles.None, CultureInfo.InvariantCulture, out var percent) || percent is < 1 or > 100)
        {
            errors["PassMark"] = "Enter the pass mark as a whole percentage from 1 to 100";
            return errors;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var check = await db.Set<ELearningCheck>().FirstOrDefaultAsync(c => c.CourseId == courseId, cancellationToken);
        if (check is null)
        {
            db.Add(new ELearningCheck { CourseId = courseId, PassMarkPercent = percent });
        }
        else
        {
            check.PassMarkPercent = percent;
        }

        await db.SaveChangesAsync(cancellationToken);
        return errors;
    }

    /// <summary>Removes a page from the course; learners' progress on it goes with it.</summary>
    public async Task<bool> DeletePageAsync(int courseId, int pageId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await CoursePages(db, courseId).Where(p => p.Id == pageId).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    public async Task<bool> DeleteQuestionAsync(int courseId, int questionId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Set<ELearningQuestion>().Where(q => q.Id == questionId && q.CourseId == courseId).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    private static IQueryable<ELearningPage> CoursePages(LearningDbContext db, int courseId)
    {
        var moduleIds = db.Set<ELearningModule>().Where(m => m.CourseId == courseId).Select(m => m.Id);
        return db.Set<ELearningPage>().Where(p => moduleIds.Contains(p.ModuleId));
    }

    private static async Task<int> NextPagePositionAsync(LearningDbContext db, int moduleId, CancellationToken cancellationToken) =>
        (await db.Set<ELearningPage>().Where(p => p.ModuleId == moduleId).Select(p => (int?)p.Position).MaxAsync(cancellationToken) ?? 0) + 1;

    /// <summary>Moves one item a place within its ordered siblings and numbers them all again from 1, closing any gaps deletions left.</summary>
    private static void Reorder<T>(List<T> ordered, int id, int step, Func<T, int> idOf, Action<T, int> setPosition)
    {
        var from = ordered.FindIndex(item => idOf(item) == id);
        var to = Math.Clamp(from + Math.Sign(step), 0, ordered.Count - 1);
        var item = ordered[from];
        ordered.RemoveAt(from);
        ordered.Insert(to, item);
        for (var i = 0; i < ordered.Count; i++)
        {
            setPosition(ordered[i], i + 1);
        }
    }

    private sealed record CheckedPage(int ModuleId, string Title, ELearningPageKind Kind, string BodyHtml, string? VideoUrl)
    {
        public void CopyTo(ELearningPage page)
        {
            page.Title = Title;
            page.Kind = Kind;
            page.BodyHtml = BodyHtml;
            page.VideoUrl = VideoUrl;
        }
    }

    private async Task<CheckedPage?> ValidPageAsync(LearningDbContext db, int courseId, PageForm form, Dictionary<string, string> errors, CancellationToken cancellationToken)
    {
        var moduleId = int.TryParse(form.PageModule, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && await db.Set<ELearningModule>().AnyAsync(m => m.Id == id && m.CourseId == courseId, cancellationToken) ? id : (int?)null;
        if (moduleId is null)
        {
            errors[nameof(PageForm.PageModule)] = "Choose one of this course's modules";
        }

        var title = PlainText(form.PageTitle, nameof(PageForm.PageTitle), "the page's title", ELearningLimits.Title, errors);
        ELearningPageKind? kind = form.PageKind switch { nameof(ELearningPageKind.Text) => ELearningPageKind.Text, nameof(ELearningPageKind.Video) => ELearningPageKind.Video, _ => null };
        if (kind is null)
        {
            errors[nameof(PageForm.PageKind)] = "Choose text or video";
        }

        var body = form.PageBody ?? string.Empty;
        if (body.Length > ELearningLimits.Body)
        {
            errors[nameof(PageForm.PageBody)] = $"Keep the text to {ELearningLimits.Body:N0} characters or fewer";
        }

        var safeBody = body.Length <= ELearningLimits.Body ? sanitizer.Sanitize(body).Trim() : string.Empty;
        if (kind == ELearningPageKind.Text && safeBody.Length == 0 && !errors.ContainsKey(nameof(PageForm.PageBody)))
        {
            errors[nameof(PageForm.PageBody)] = "Enter the page's text";
        }

        var videoUrl = form.PageVideoUrl?.Trim();
        if (kind == ELearningPageKind.Video && (string.IsNullOrEmpty(videoUrl) || videoUrl.Length > ELearningLimits.Url
            || !Uri.TryCreate(videoUrl, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps))
        {
            errors[nameof(PageForm.PageVideoUrl)] = $"Enter the video's address, starting https:// (YouTube or Vimeo), up to {ELearningLimits.Url} characters";
        }

        return errors.Count > 0 ? null : new CheckedPage(moduleId!.Value, title, kind!.Value, safeBody, kind == ELearningPageKind.Video ? videoUrl : null);
    }

    private sealed record CheckedQuestion(string Text, string Options, int CorrectOption)
    {
        public void CopyTo(ELearningQuestion question)
        {
            question.Text = Text;
            question.Options = Options;
            question.CorrectOption = CorrectOption;
        }
    }

    private static CheckedQuestion? ValidQuestion(QuestionForm form, Dictionary<string, string> errors)
    {
        var text = PlainText(form.QuestionText, nameof(QuestionForm.QuestionText), "the question", ELearningLimits.Question, errors);
        var options = (form.QuestionOptions ?? string.Empty).Split('\n').Select(o => o.Trim()).Where(o => o.Length > 0).ToList();
        if (options.Count is < 2 or > ELearningLimits.MaxOptions || options.Any(o => o.Length > ELearningLimits.Option || o.Any(char.IsControl)))
        {
            errors[nameof(QuestionForm.QuestionOptions)] = $"Enter 2 to {ELearningLimits.MaxOptions} answers, one a line, each up to {ELearningLimits.Option} characters";
        }

        if (!int.TryParse(form.QuestionCorrect, NumberStyles.None, CultureInfo.InvariantCulture, out var correct) || correct < 1 || correct > Math.Max(options.Count, 1))
        {
            errors[nameof(QuestionForm.QuestionCorrect)] = "Enter the number of the correct answer, counting the first line as 1";
        }

        return errors.Count > 0 ? null : new CheckedQuestion(text, string.Join('\n', options), correct);
    }

    private static string PlainText(string? value, string field, string what, int limit, Dictionary<string, string> errors)
    {
        var text = value?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            errors[field] = $"Enter {what}";
        }
        else if (text.Length > limit)
        {
            errors[field] = $"Keep {what} to {limit} characters or fewer";
        }
        else if (text.Any(char.IsControl))
        {
            errors[field] = $"Remove the line breaks and control characters from {what}";
        }

        return text;
    }
}
