"""pydantic schemas of packs and kit files. Models do no I/O."""

from trousse.models.common import KitModel, Located, Period, attach
from trousse.models.kit import (
    Action,
    Activity,
    ArtefactsFile,
    Audit,
    AuditFinding,
    Catalogue,
    Customer,
    CustomersFile,
    Document,
    KitConfig,
    LooseRecord,
    Process,
    RecordBase,
    Role,
    RolesFile,
    Service,
    Step,
    Task,
)
from trousse.models.pack import ArtefactDef, ClauseDef, FieldDef, Pack, ProcessDef, RoleDef

__all__ = [
    "Action", "Activity", "ArtefactDef", "ArtefactsFile", "Audit", "AuditFinding", "Catalogue",
    "ClauseDef", "Customer", "CustomersFile", "Document", "FieldDef", "KitConfig", "KitModel",
    "Located", "LooseRecord", "Pack", "Period", "Process", "ProcessDef", "RecordBase", "Role",
    "RoleDef", "RolesFile", "Service", "Step", "Task", "attach",
]
