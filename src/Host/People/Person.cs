
namespace MeetingAssist.Host.People;

/// <summary>Someone the commune knows: a citizen who spoke before, a delegate, a department head who answers.</summary>
public sealed class Person
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>Hamlet/neighbourhood for citizens, organisation or department for officials.</summary>
    public string Affiliation { get; set; } = "";
    public PersonRole Role { get; set; }
    /// <summary>Position, e.g. "Trưởng phòng Kinh tế"; shown when a responder answers.</summary>
    public string Title { get; set; } = "";
    /// <summary>Name and affiliation folded to lower-case ASCII so "nguyen van binh" finds "Nguyễn Văn Bình".</summary>
    public string SearchKey { get; set; } = "";
    /// <summary>Archived people leave searches and lists; turns and requests that name them stay as they were.</summary>
    public bool Archived { get; set; }

    public void RefreshSearchKey() => SearchKey = TextSearch.Fold($"{Name} {Affiliation}");
}

public static class PersonRoleLabels
{
    public static string Label(PersonRole role) => role switch
    {
        PersonRole.Citizen => "Công dân",
        PersonRole.Official => "Cán bộ, công chức",
        PersonRole.Delegate => "Đại biểu",
        PersonRole.Responder => "Đại diện cơ quan chuyên môn",
        PersonRole.Chair => "Chủ trì",
    };
}
