from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from shuangyong.jobs.workers import start_worker, worker_id


class Command(DatabaseWorker):
    """django-tasks' database worker with a heartbeat: on start (and every HEARTBEAT_SECONDS) it marks failed the
    jobs of workers that died, and seals the audit log."""

    help = "后台任务进程：执行导入、计算等任务；定时发出心跳，发现意外退出的进程留下的任务并标记为失败"

    def handle(self, *args, **options):
        # No autoreloader (django-tasks turns it on with DEBUG): its child would be the real worker, outliving a
        # parent that is stopped or killed, under an id that is not this process's.
        options["reload"] = False
        options["worker_id"] = worker_id()
        heartbeat = start_worker(options["worker_id"])
        try:
            return super().handle(*args, **options)
        finally:
            heartbeat.stopped.set()
