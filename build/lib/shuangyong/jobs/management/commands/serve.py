import signal
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "启动系统：后台任务进程与网页服务（默认 http://127.0.0.1:8000）"

    def add_arguments(self, parser):
        parser.add_argument("--addr", default="127.0.0.1:8000", help="监听地址与端口")
        parser.add_argument("--no-worker", action="store_true", help="不启动后台任务进程")

    def handle(self, *args, **options):
        worker = None
        if not options["no_worker"]:
            # The worker is a process of its own so that long jobs never block a web request.
            worker = subprocess.Popen([sys.executable, "-m", "shuangyong", "worker", "--interval", "1"])
            self.stdout.write(f"后台任务进程已启动（pid {worker.pid}）")
        self.stdout.write(f"双拥工作管理系统：http://{options['addr']}/  （Ctrl+C 退出）")
        try:
            call_command("runserver", options["addr"], use_reloader=False)
        finally:
            if worker is not None:
                worker.send_signal(signal.SIGTERM)
                try:
                    worker.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    worker.kill()
