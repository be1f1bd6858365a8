<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_TW">
<context>
    <name>Accounts</name>
    <message>
        <source>使用中</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>初始密碼：</source>
        <translation>Initial password: </translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>姓名：</source>
        <translation>Name: </translation>
    </message>
    <message>
        <source>帳號</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>帳號管理</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>帳號：</source>
        <translation>Username: </translation>
    </message>
    <message>
        <source>新增(&amp;N)</source>
        <translation>&amp;New</translation>
    </message>
    <message>
        <source>新增帳號</source>
        <translation>New account</translation>
    </message>
    <message>
        <source>新密碼：</source>
        <translation>New password: </translation>
    </message>
    <message>
        <source>狀態</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>編輯(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>編輯帳號</source>
        <translation>Edit account</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Roles</translation>
    </message>
    <message>
        <source>角色：</source>
        <translation>Roles: </translation>
    </message>
    <message>
        <source>重設密碼(&amp;P)</source>
        <translation>Reset &amp;password</translation>
    </message>
    <message>
        <source>重設密碼：</source>
        <translation>Reset password: </translation>
    </message>
    <message>
        <source>（未設密碼）</source>
        <translation>(no password set)</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>備份檔 (*.zip)</source>
        <translation>Backup files (*.zip)</translation>
    </message>
    <message>
        <source>名冊格式檔有誤</source>
        <translation>A roster layout file is wrong</translation>
    </message>
    <message>
        <source>已完成今日自動備份</source>
        <translation>Today's automatic backup is done</translation>
    </message>
    <message>
        <source>從備份還原</source>
        <translation>Restore from a backup</translation>
    </message>
    <message>
        <source>每日自動備份失敗：</source>
        <translation>The daily automatic backup failed: </translation>
    </message>
    <message>
        <source>要從備份還原嗎？目前的資料庫檔會保留在備份資料夾。</source>
        <translation>Restore from a backup? The current database file is kept in the backups folder.</translation>
    </message>
</context>
<context>
    <name>AttachmentPanel</name>
    <message>
        <source>加入檔案…（Ctrl+O）</source>
        <translation>Add files… (Ctrl+O)</translation>
    </message>
    <message>
        <source>可把檔案拖曳到這裡。pdf、jpg、png 每檔 4 MB；mp3、mp4 每檔 10 MB（108學年度以前 2 MB／5 MB）。</source>
        <translation>Drop files here. pdf, jpg, png up to 4 MB each; mp3, mp4 up to 10 MB each (2 MB / 5 MB up to school year 108).</translation>
    </message>
    <message>
        <source>尚未下載：開啟時從共用資料庫取得</source>
        <translation>Not here yet: fetched from the shared database when opened</translation>
    </message>
    <message>
        <source>成果檔案 (*.pdf *.jpg *.jpeg *.png *.mp3 *.mp4);;所有檔案 (*)</source>
        <translation>Outcome files (*.pdf *.jpg *.jpeg *.png *.mp3 *.mp4);;All files (*)</translation>
    </message>
    <message>
        <source>檔案已被更動</source>
        <translation>File was altered</translation>
    </message>
    <message>
        <source>檔案遺失</source>
        <translation>File missing</translation>
    </message>
    <message>
        <source>正在從共用資料庫下載附件…</source>
        <translation>Downloading the attachment from the shared database…</translation>
    </message>
    <message>
        <source>確定要移除附件「%1」嗎？
移除後仍保留在稽核紀錄中。</source>
        <translation>Remove the attachment "%1"?
It stays in the audit log.</translation>
    </message>
    <message>
        <source>移除附件</source>
        <translation>Remove attachment</translation>
    </message>
    <message>
        <source>選擇要附加的檔案</source>
        <translation>Choose files to attach</translation>
    </message>
    <message>
        <source>開啟(&amp;O)</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>附件（請先選一筆紀錄）</source>
        <translation>Attachments (select a record first)</translation>
    </message>
    <message>
        <source>附件：%n 個檔案</source>
        <translation>Attachments: %n files</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <source>人員</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>人員：</source>
        <translation>Person: </translation>
    </message>
    <message>
        <source>代理</source>
        <translation>On behalf of</translation>
    </message>
    <message>
        <source>作廢</source>
        <translation>void</translation>
    </message>
    <message>
        <source>來源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>保存期限清除</source>
        <translation>Retention purge</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>備份</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>全部人員</source>
        <translation>Everyone</translation>
    </message>
    <message>
        <source>全部資料</source>
        <translation>All records</translation>
    </message>
    <message>
        <source>共 %n 筆</source>
        <translation>%n rows</translation>
    </message>
    <message>
        <source>刪除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>動作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>勾選</source>
        <translation>select</translation>
    </message>
    <message>
        <source>匯出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>取消勾選</source>
        <translation>unselect</translation>
    </message>
    <message>
        <source>只有註冊組與系統管理者可以查看全部稽核紀錄。</source>
        <translation>Only the registrar office and administrators may read the whole audit log.</translation>
    </message>
    <message>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>提出疑義</source>
        <translation>Raise an objection</translation>
    </message>
    <message>
        <source>收訖核對</source>
        <translation>reconcile receipt</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>New </translation>
    </message>
    <message>
        <source>日期：</source>
        <translation>Date: </translation>
    </message>
    <message>
        <source>時間</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>查詢(&amp;Q)</source>
        <translation>&amp;Query</translation>
    </message>
    <message>
        <source>檢查稽核紀錄有沒有被改過、從中截斷，或最新的紀錄被刪除（與備份、共用資料庫及資料庫旁的檔案比對）</source>
        <translation>Check whether the audit log was changed, cut, or had its newest entries deleted (against the backups, the shared database and the file beside the store)</translation>
    </message>
    <message>
        <source>檢查雜湊鏈</source>
        <translation>Check the hash chain</translation>
    </message>
    <message>
        <source>檢查雜湊鏈(&amp;V)</source>
        <translation>&amp;Verify chain</translation>
    </message>
    <message>
        <source>正在檢查稽核紀錄的雜湊鏈…</source>
        <translation>Checking the audit log's hash chain…</translation>
    </message>
    <message>
        <source>無法檢查稽核紀錄：</source>
        <translation>Could not check the audit log: </translation>
    </message>
    <message>
        <source>異動內容</source>
        <translation>Changes</translation>
    </message>
    <message>
        <source>疑義處理</source>
        <translation>resolve objection</translation>
    </message>
    <message>
        <source>登入</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>確認</source>
        <translation>confirm</translation>
    </message>
    <message>
        <source>稽核紀錄</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>系統</source>
        <translation>System</translation>
    </message>
    <message>
        <source>紀錄</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>紀錄歷程</source>
        <translation>Record history</translation>
    </message>
    <message>
        <source>視為確認</source>
        <translation>Deemed confirmed</translation>
    </message>
    <message>
        <source>認證</source>
        <translation>certify</translation>
    </message>
    <message>
        <source>變更密碼</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>資料</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>資料：</source>
        <translation>Records: </translation>
    </message>
    <message>
        <source>起日，例如 113/09/01</source>
        <translation>From, e.g. 113/09/01</translation>
    </message>
    <message>
        <source>迄日</source>
        <translation>To</translation>
    </message>
    <message>
        <source>退回</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>還原</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>重印</source>
        <translation>reprint</translation>
    </message>
    <message>
        <source>重新送出</source>
        <translation>resubmit</translation>
    </message>
    <message>
        <source>電腦</source>
        <translation>Computer</translation>
    </message>
    <message>
        <source>顯示完整身分證號</source>
        <translation>Show full national ID</translation>
    </message>
</context>
<context>
    <name>CalendarDialog</name>
    <message>
        <source>・預設</source>
        <translation> · default</translation>
    </message>
    <message>
        <source>催繳名單 .xlsx…</source>
        <translation>Reminder lists .xlsx…</translation>
    </message>
    <message>
        <source>催繳名單 PDF…</source>
        <translation>Reminder lists PDF…</translation>
    </message>
    <message>
        <source>儲存催繳名單</source>
        <translation>Save reminder lists</translation>
    </message>
    <message>
        <source>出處</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>分組</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>剩餘天數</source>
        <translation>Days left</translation>
    </message>
    <message>
        <source>原因（必填）</source>
        <translation>Reason (required)</translation>
    </message>
    <message>
        <source>名稱</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>學期行事曆</source>
        <translation>Term calendar</translation>
    </message>
    <message>
        <source>展延(&amp;E)</source>
        <translation>&amp;Extend</translation>
    </message>
    <message>
        <source>展延至，例如 114/02/28</source>
        <translation>Extend to, e.g. 114/02/28</translation>
    </message>
    <message>
        <source>展延至：</source>
        <translation>Extend to: </translation>
    </message>
    <message>
        <source>展延（教學組、註冊組）</source>
        <translation>Extensions (academic affairs, registrar)</translation>
    </message>
    <message>
        <source>已儲存學期行事曆（%n 項變更）。</source>
        <translation>Term calendar saved (%n changes).</translation>
    </message>
    <message>
        <source>已展延。</source>
        <translation>Extended.</translation>
    </message>
    <message>
        <source>待認證</source>
        <translation>Awaiting certification</translation>
    </message>
    <message>
        <source>教師帳號或班級代碼</source>
        <translation>Teacher's user name or class code</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>未上傳</source>
        <translation>Not uploaded</translation>
    </message>
    <message>
        <source>未勾選</source>
        <translation>Not selected</translation>
    </message>
    <message>
        <source>未設定</source>
        <translation>Not set</translation>
    </message>
    <message>
        <source>標示「預設」的日期由學期起訖與學校設定推算，尚未生效；按「儲存」後，上傳、認證與勾選期間即依此執行，期間外的操作會被拒絕。</source>
        <translation>Dates marked "default" are computed from the term's dates and the school settings and are not yet in force; after Save, uploads, certification and selection follow them and anything outside a window is refused.</translation>
    </message>
    <message>
        <source>每位教師</source>
        <translation>Per teacher</translation>
    </message>
    <message>
        <source>每個班級</source>
        <translation>Per class</translation>
    </message>
    <message>
        <source>沒有展延。</source>
        <translation>No extensions.</translation>
    </message>
    <message>
        <source>狀態</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>結束</source>
        <translation>End</translation>
    </message>
    <message>
        <source>退回</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>開始</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>顯示：</source>
        <translation>Show: </translation>
    </message>
    <message>
        <source>（剩 %n 天）</source>
        <translation> (%n days left)</translation>
    </message>
</context>
<context>
    <name>CertificationQueue</name>
    <message>
        <source>Enter：認證選取的項目　空白鍵：開啟檔案　Shift+方向鍵／Ctrl+A：多選　Ctrl+R：退回　認證只確認成果出自本課程，不評定優劣。</source>
        <translation>Enter: certify the selected items   Space: open the file   Shift+arrows / Ctrl+A: select several   Ctrl+R: return   Certifying only confirms the work comes from this course; it does not grade it.</translation>
    </message>
    <message>
        <source>任課教師</source>
        <translation>Teacher</translation>
    </message>
    <message>
        <source>任課教師(&amp;T)：</source>
        <translation>&amp;Teacher:</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>全部學期</source>
        <translation>All terms</translation>
    </message>
    <message>
        <source>共 %n 個檔案</source>
        <translation>%n files</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>學號</source>
        <translation>Student no.</translation>
    </message>
    <message>
        <source>已認證 %n 件。</source>
        <translation>%n certified.</translation>
    </message>
    <message>
        <source>已退回 %n 件。</source>
        <translation>%n returned.</translation>
    </message>
    <message>
        <source>座號</source>
        <translation>Seat no.</translation>
    </message>
    <message>
        <source>待認證 %n 件</source>
        <translation>%n awaiting certification</translation>
    </message>
    <message>
        <source>成果名稱</source>
        <translation>Outcome title</translation>
    </message>
    <message>
        <source>成果簡述</source>
        <translation>Outcome summary</translation>
    </message>
    <message>
        <source>未定</source>
        <translation>Not set</translation>
    </message>
    <message>
        <source>檔案</source>
        <translation>File</translation>
    </message>
    <message>
        <source>檔案還不在這台電腦上；同步後再試。</source>
        <translation>The file is not on this PC yet; sync and try again.</translation>
    </message>
    <message>
        <source>沒有可認證的項目：您不是任何課程的任課教師，也不是其代理人。</source>
        <translation>Nothing to certify: you teach no course and are no teacher's proxy.</translation>
    </message>
    <message>
        <source>無法開啟檔案：</source>
        <translation>Cannot open the file: </translation>
    </message>
    <message>
        <source>班級</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>科目</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>認證期限</source>
        <translation>Certification deadline</translation>
    </message>
    <message>
        <source>認證者：%1　%2</source>
        <translation>Certified by: %1  %2</translation>
    </message>
    <message>
        <source>認證（Enter）</source>
        <translation>Certify (Enter)</translation>
    </message>
    <message>
        <source>課程學習成果認證</source>
        <translation>Certification of course learning outcomes</translation>
    </message>
    <message>
        <source>退回</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>退回 %n 件。請選擇原因並視需要說明（學生會看到，最多 200 字）：</source>
        <translation>Return %n item(s). Choose the reason and explain if needed (the student reads it, at most 200 characters):</translation>
    </message>
    <message>
        <source>退回…（Ctrl+R）</source>
        <translation>Return… (Ctrl+R)</translation>
    </message>
    <message>
        <source>退回課程學習成果</source>
        <translation>Return course learning outcomes</translation>
    </message>
    <message>
        <source>這件成果沒有附檔。</source>
        <translation>This outcome has no file.</translation>
    </message>
    <message>
        <source>這個檔案無法預覽（%1）；按空白鍵以系統程式開啟。</source>
        <translation>This file cannot be previewed (%1); press Space to open it in its program.</translation>
    </message>
    <message>
        <source>逾期 </source>
        <translation>Overdue </translation>
    </message>
    <message>
        <source>選「其他」時請寫下退回原因，學生才知道要修改什麼。</source>
        <translation>With "Other", write the reason so the student knows what to change.</translation>
    </message>
    <message>
        <source>選取一件成果，這裡會顯示它的檔案。</source>
        <translation>Select an outcome to see its file here.</translation>
    </message>
    <message>
        <source>開啟檔案（空白鍵）</source>
        <translation>Open file (Space)</translation>
    </message>
    <message>
        <source>關閉</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>，其中逾期 %n 件</source>
        <translation>, %n of them overdue</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>依內容重設欄寬</source>
        <translation>Reset widths to the content</translation>
    </message>
</context>
<context>
    <name>DutiesDialog</name>
    <message>
        <source>代理人(&amp;X)</source>
        <translation>Pro&amp;xies</translation>
    </message>
    <message>
        <source>代理人依順位代理；以代理人身分所做的每一筆修改，稽核紀錄都會記下「代理誰」。</source>
        <translation>Proxies act in their order; every change made as a proxy is recorded in the audit log with whom it was done for.</translation>
    </message>
    <message>
        <source>代理人（依順位）</source>
        <translation>Proxies (in order)</translation>
    </message>
    <message>
        <source>任課教師的帳號或姓名</source>
        <translation>Teacher's username or name</translation>
    </message>
    <message>
        <source>依補充規定建立項目</source>
        <translation>Create the duties of the school rules</translation>
    </message>
    <message>
        <source>儲存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>帳號或姓名，依順位以「、」或逗號分開</source>
        <translation>Usernames or names in order, separated by 、 or commas</translation>
    </message>
    <message>
        <source>承辦人</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <source>承辦人(&amp;P)</source>
        <translation>&amp;Person responsible</translation>
    </message>
    <message>
        <source>承辦人與代理人</source>
        <translation>Duties and proxies</translation>
    </message>
    <message>
        <source>承辦項目</source>
        <translation>Duty</translation>
    </message>
    <message>
        <source>新增教師代理人(&amp;N)</source>
        <translation>&amp;New teacher proxy</translation>
    </message>
    <message>
        <source>新增教師的代理人</source>
        <translation>New proxy for a teacher</translation>
    </message>
    <message>
        <source>空白＝各課程的任課教師</source>
        <translation>Blank = each course's teacher</translation>
    </message>
    <message>
        <source>編輯(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>編輯承辦人與代理人</source>
        <translation>Edit duty and proxies</translation>
    </message>
    <message>
        <source>規定中的承辦人／代理人</source>
        <translation>Officer / proxies in the rules</translation>
    </message>
    <message>
        <source>關閉</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>（未指定）</source>
        <translation>(not set)</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>LXP Desktop 發生錯誤</source>
        <translation>LXP Desktop: an error occurred</translation>
    </message>
    <message>
        <source>發生未預期的錯誤（%1），詳細內容已寫入記錄檔：
%2
請把這個檔案交給系統管理者。</source>
        <translation>An unexpected error occurred (%1). The details are in the log file:
%2
Please give this file to your administrator.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>.xlsx 或 .csv（UTF-8、UTF-8 BOM 或 Big5）</source>
        <translation>.xlsx or .csv (UTF-8, UTF-8 with BOM or Big5)</translation>
    </message>
    <message>
        <source>Excel 或 CSV (*.xlsx *.csv)</source>
        <translation>Excel or CSV (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Excel 活頁簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>修課紀錄</source>
        <translation>Course records</translation>
    </message>
    <message>
        <source>儲存標註錯誤的檔案</source>
        <translation>Save the file with errors marked</translation>
    </message>
    <message>
        <source>儲存標註錯誤的檔案(&amp;A)…</source>
        <translation>Save with errors m&amp;arked…</translation>
    </message>
    <message>
        <source>儲存範本</source>
        <translation>Save template</translation>
    </message>
    <message>
        <source>儲存範本(&amp;T)…</source>
        <translation>Save &amp;template…</translation>
    </message>
    <message>
        <source>匯入 Excel／CSV</source>
        <translation>Import Excel/CSV</translation>
    </message>
    <message>
        <source>匯入(&amp;I)</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <source>匯入中…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>匯入完成：新增 %1、修改 %2、不變 %3。</source>
        <translation>Import done: %1 new, %2 changed, %3 unchanged.</translation>
    </message>
    <message>
        <source>匯入時發生未預期的錯誤，資料庫沒有任何變更：</source>
        <translation>An unexpected error stopped the import; the database was not changed: </translation>
    </message>
    <message>
        <source>取消中…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>取消執行(&amp;C)</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>同一個檔案欄位不可對應到兩個欄位；請更正。</source>
        <translation>One column of the file cannot feed two fields; please correct it.</translation>
    </message>
    <message>
        <source>多元表現</source>
        <translation>Diverse performances</translation>
    </message>
    <message>
        <source>學籍</source>
        <translation>Roster</translation>
    </message>
    <message>
        <source>對應欄位</source>
        <translation>Map columns</translation>
    </message>
    <message>
        <source>已儲存標註檔：</source>
        <translation>Marked file saved: </translation>
    </message>
    <message>
        <source>已取消，資料庫沒有任何變更。</source>
        <translation>Cancelled; the database was not changed.</translation>
    </message>
    <message>
        <source>幹部經歷</source>
        <translation>Cadre records</translation>
    </message>
    <message>
        <source>有 %1 個錯誤，沒有寫入任何資料。</source>
        <translation>%1 errors; nothing was written.</translation>
    </message>
    <message>
        <source>檔案(&amp;F)：</source>
        <translation>&amp;File:</translation>
    </message>
    <message>
        <source>檔案的欄位標題與範本不同；請確認每個欄位對應到檔案的哪一欄。（* 為必要欄位）這個對應會記住，下次同樣版面的檔案自動套用。</source>
        <translation>The file's column headers differ from the template; choose which column of the file holds each field (* = required). The mapping is remembered for files with the same layout.</translation>
    </message>
    <message>
        <source>檔案與資料庫相同，沒有需要匯入的變更。</source>
        <translation>The file matches the database; there is nothing to import.</translation>
    </message>
    <message>
        <source>無法儲存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <source>種類(&amp;K)：</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>範本已儲存：</source>
        <translation>Template saved: </translation>
    </message>
    <message>
        <source>試算中…</source>
        <translation>Checking (dry run)…</translation>
    </message>
    <message>
        <source>試算完成：新增 %1、修改 %2、不變 %3。按「匯入」寫入資料庫。</source>
        <translation>Dry run done: %1 new, %2 changed, %3 unchanged. Press Import to write them.</translation>
    </message>
    <message>
        <source>課程</source>
        <translation>Courses</translation>
    </message>
    <message>
        <source>請先選擇要匯入的檔案。</source>
        <translation>Please choose the file to import first.</translation>
    </message>
    <message>
        <source>選擇檔案(&amp;B)…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>選擇要匯入的檔案</source>
        <translation>Choose the file to import</translation>
    </message>
    <message>
        <source>還缺必要欄位：</source>
        <translation>Required fields still missing: </translation>
    </message>
    <message>
        <source>關閉</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>預覽（試算）(&amp;P)</source>
        <translation>&amp;Preview (dry run)</translation>
    </message>
    <message>
        <source>（不匯入）</source>
        <translation>(do not import)</translation>
    </message>
    <message>
        <source>（第 %1 欄，無標題）</source>
        <translation>(column %1, no header)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>
…等 %n 位</source>
        <translation>
… %n in all</translation>
    </message>
    <message>
        <source>%n 筆</source>
        <translation>%n rows</translation>
    </message>
    <message>
        <source>LXP Desktop %1
學生學習歷程檔案 — 註冊組的桌面程式</source>
        <translation>LXP Desktop %1
Student learning portfolios — the registrar office's desktop application</translation>
    </message>
    <message>
        <source>以 %1 的備份（學生 %2 筆）取代目前的資料庫？
還原前會先檢查備份；目前的資料庫會保留在備份資料夾。還原後請重新登入。</source>
        <translation>Replace the current database with the backup of %1 (%2 students)?
The backup is checked first; the current database is kept in the backups folder. Sign in again after the restore.</translation>
    </message>
    <message>
        <source>以下學生離校已超過保存期限：
%1%2

先封存（匯出成一個檔案）再清除他們的學習歷程資料與附件？學籍保留；清除後無法復原。</source>
        <translation>These students left longer ago than the retention period:
%1%2

Archive (export to one file) and then remove their portfolio data and attachments? Their enrolment record (學籍) is kept. This cannot be undone.</translation>
    </message>
    <message>
        <source>備份失敗</source>
        <translation>Backup failed</translation>
    </message>
    <message>
        <source>備份完成，但有附件損壞</source>
        <translation>Backup made, but some attachments are damaged</translation>
    </message>
    <message>
        <source>備份已完成，可以還原；但下列附件損壞或不見了，沒有放進備份，請從較早的備份還原這些檔案，或請上傳者重新上傳：</source>
        <translation>The backup is made and can be restored, but the attachments below are damaged or missing and are not in it; restore these files from an earlier backup, or ask whoever uploaded them to upload them again:</translation>
    </message>
    <message>
        <source>備份檔 (*.zip)</source>
        <translation>Backup files (*.zip)</translation>
    </message>
    <message>
        <source>備份資料庫</source>
        <translation>Back up the database</translation>
    </message>
    <message>
        <source>備份資料庫(&amp;B)…</source>
        <translation>&amp;Back up the database…</translation>
    </message>
    <message>
        <source>全部學期</source>
        <translation>All terms</translation>
    </message>
    <message>
        <source>升級作業(&amp;Y)…</source>
        <translation>Year promotion(&amp;Y)…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>學期</source>
        <translation>Term</translation>
    </message>
    <message>
        <source>學期與班級(&amp;C)…</source>
        <translation>Terms and &amp;classes…</translation>
    </message>
    <message>
        <source>學期行事曆</source>
        <translation>Term calendar</translation>
    </message>
    <message>
        <source>學期行事曆(&amp;K)…</source>
        <translation>Term &amp;calendar…</translation>
    </message>
    <message>
        <source>學期：</source>
        <translation>Term: </translation>
    </message>
    <message>
        <source>學校設定(&amp;G)…</source>
        <translation>School settin&amp;gs…</translation>
    </message>
    <message>
        <source>學校資料(&amp;S)…</source>
        <translation>&amp;School data…</translation>
    </message>
    <message>
        <source>學生學習歷程檔案</source>
        <translation>Student learning portfolios</translation>
    </message>
    <message>
        <source>學生歷程總覽(&amp;O)…</source>
        <translation>Student &amp;overview…</translation>
    </message>
    <message>
        <source>封存檔</source>
        <translation>Archive</translation>
    </message>
    <message>
        <source>封存檔 (*.zip)</source>
        <translation>Archives (*.zip)</translation>
    </message>
    <message>
        <source>工具(&amp;T)</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <source>已備份到 %1</source>
        <translation>Backed up to %1</translation>
    </message>
    <message>
        <source>已封存到 %1 並清除 %2 位學生的資料</source>
        <translation>Archived to %1 and removed the data of %2 students</translation>
    </message>
    <message>
        <source>已還原；被取代的資料庫保留於 %1</source>
        <translation>Restored; the replaced database is kept in %1</translation>
    </message>
    <message>
        <source>帳號管理(&amp;A)…</source>
        <translation>&amp;Accounts…</translation>
    </message>
    <message>
        <source>從備份還原</source>
        <translation>Restore from a backup</translation>
    </message>
    <message>
        <source>從備份還原(&amp;R)…</source>
        <translation>&amp;Restore from a backup…</translation>
    </message>
    <message>
        <source>承辦人與代理人(&amp;D)…</source>
        <translation>&amp;Duties and proxies…</translation>
    </message>
    <message>
        <source>提交與收訖</source>
        <translation>Submission and receipts</translation>
    </message>
    <message>
        <source>未登入</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <source>未設定共用資料庫</source>
        <translation>No shared database configured</translation>
    </message>
    <message>
        <source>檔案(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>沒有離校日在 %1 以前、仍有學習歷程資料的學生。</source>
        <translation>No student who left before %1 still has portfolio data.</translation>
    </message>
    <message>
        <source>清除保存期限已過的資料</source>
        <translation>Purge data past its retention period</translation>
    </message>
    <message>
        <source>清除保存期限已過的資料(&amp;P)…</source>
        <translation>&amp;Purge data past its retention period…</translation>
    </message>
    <message>
        <source>無法還原</source>
        <translation>Cannot restore</translation>
    </message>
    <message>
        <source>登入：%1（%2）</source>
        <translation>Signed in: %1 (%2)</translation>
    </message>
    <message>
        <source>確認還原</source>
        <translation>Confirm restore</translation>
    </message>
    <message>
        <source>稽核紀錄(&amp;U)…</source>
        <translation>A&amp;udit log…</translation>
    </message>
    <message>
        <source>紙本通知</source>
        <translation>Paper notices</translation>
    </message>
    <message>
        <source>結束(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <source>說明(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>課程學習成果認證佇列(&amp;Q)…</source>
        <translation>Outcome certification &amp;queue…</translation>
    </message>
    <message>
        <source>請先在分頁中選一位學生（或他的一筆紀錄），再開啟學生歷程總覽。</source>
        <translation>Select a student (or one of their records) in a tab first, then open the student overview.</translation>
    </message>
    <message>
        <source>請先在工具列選擇一個學期。</source>
        <translation>Choose a term in the toolbar first.</translation>
    </message>
    <message>
        <source>資料庫：</source>
        <translation>Database: </translation>
    </message>
    <message>
        <source>鎖定畫面／切換使用者(&amp;L)</source>
        <translation>&amp;Lock screen / switch user</translation>
    </message>
    <message>
        <source>關於 LXP Desktop</source>
        <translation>About LXP Desktop</translation>
    </message>
</context>
<context>
    <name>NoticesTab</name>
    <message>
        <source>%1 離校學生的紙本收訖明細確認通知</source>
        <translation>%1: paper confirmation notices for students who have left</translation>
    </message>
    <message>
        <source>%n 份通知</source>
        <translation>%n notices</translation>
    </message>
    <message>
        <source>%n 位學生已有本學期尚未回覆的通知。

「重印原通知」：印出同一份通知（參考編號與回條不變）。
「作廢並發新通知」：原通知作廢，它的回條掃描時會顯示「已作廢」。</source>
        <translation>%n students already have a notice for this term that has not been answered.

"Reprint the notice": print the same notice again (same reference and reply slip).
"Void and issue a new one": the old notice is voided; its reply slip shows "voided" when scanned.</translation>
    </message>
    <message>
        <source>Excel 或 CSV (*.xlsx *.csv)</source>
        <translation>Excel or CSV (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Excel 活頁簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF 檔 (*.pdf)</source>
        <translation>PDF file (*.pdf)</translation>
    </message>
    <message>
        <source>作廢並發新通知</source>
        <translation>Void and issue a new one</translation>
    </message>
    <message>
        <source>使用備用字型印出罕用字：</source>
        <translation>Rare characters printed with the fallback font: </translation>
    </message>
    <message>
        <source>信封（中式直式）PDF…</source>
        <translation>Envelopes (Chinese, vertical) PDF…</translation>
    </message>
    <message>
        <source>信封（西式橫式）PDF…</source>
        <translation>Envelopes (Western, horizontal) PDF…</translation>
    </message>
    <message>
        <source>儲存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>共 %n 位：</source>
        <translation>%n students: </translation>
    </message>
    <message>
        <source>其中 %n 份是重印的原通知（參考編號不變）。</source>
        <translation>%n of them are reprints of the existing notices (same reference).</translation>
    </message>
    <message>
        <source>列印…（Ctrl+P）</source>
        <translation>Print… (Ctrl+P)</translation>
    </message>
    <message>
        <source>加入學號(&amp;A)：</source>
        <translation>&amp;Add student no.:</translation>
    </message>
    <message>
        <source>匯入郵局掛號號碼清單</source>
        <translation>Import the post office's registered numbers</translation>
    </message>
    <message>
        <source>匯入郵局掛號號碼清單…</source>
        <translation>Import the post office's registered numbers…</translation>
    </message>
    <message>
        <source>原班級</source>
        <translation>Former class</translation>
    </message>
    <message>
        <source>參考編號</source>
        <translation>Reference no.</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>另存 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>另存 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>回覆</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>回覆期限(&amp;L)：</source>
        <translation>Reply dead&amp;line:</translation>
    </message>
    <message>
        <source>回覆期限：</source>
        <translation>Reply deadline: </translation>
    </message>
    <message>
        <source>地址標籤 PDF…</source>
        <translation>Address labels PDF…</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>學籍狀態</source>
        <translation>Enrolment status</translation>
    </message>
    <message>
        <source>學號</source>
        <translation>Student no.</translation>
    </message>
    <message>
        <source>學號，Enter 加入</source>
        <translation>Student no., Enter adds</translation>
    </message>
    <message>
        <source>寄出日期</source>
        <translation>Date sent</translation>
    </message>
    <message>
        <source>已作廢的原通知：</source>
        <translation>Voided notices: </translation>
    </message>
    <message>
        <source>已加入 %1 %2。</source>
        <translation>Added %1 %2.</translation>
    </message>
    <message>
        <source>已取消，沒有產生任何通知。</source>
        <translation>Cancelled; no notice was made.</translation>
    </message>
    <message>
        <source>已存檔：</source>
        <translation>Saved: </translation>
    </message>
    <message>
        <source>已有通知</source>
        <translation>Notice exists</translation>
    </message>
    <message>
        <source>已產生 %n 份通知：</source>
        <translation>%n notices made: </translation>
    </message>
    <message>
        <source>已登記 %n 份通知的掛號號碼。</source>
        <translation>Registered numbers recorded for %n notices.</translation>
    </message>
    <message>
        <source>已重印 %n 份通知（參考編號不變）：</source>
        <translation>Reprinted %n notices (same reference): </translation>
    </message>
    <message>
        <source>延長這些離校生的確認期限</source>
        <translation>Extend these departed students' confirmation deadline</translation>
    </message>
    <message>
        <source>找不到學號 %1 的學生。</source>
        <translation>No student has the number %1.</translation>
    </message>
    <message>
        <source>掃描回條(&amp;B)：</source>
        <translation>Scan reply slip (&amp;B):</translation>
    </message>
    <message>
        <source>掃描回條條碼或輸入參考編號，Enter</source>
        <translation>Scan the reply slip's code or type the reference, Enter</translation>
    </message>
    <message>
        <source>掛號號碼（依掛號清單順序，每行一個；
只填第一個則往下連號）</source>
        <translation>Registered numbers (in the mail list's order, one a line;
only the first: numbered on from it)</translation>
    </message>
    <message>
        <source>掛號郵件清單 Excel…</source>
        <translation>Registered-mail list Excel…</translation>
    </message>
    <message>
        <source>掛號郵件清單 PDF…</source>
        <translation>Registered-mail list PDF…</translation>
    </message>
    <message>
        <source>改去變更確認期間</source>
        <translation>Change the confirmation period instead</translation>
    </message>
    <message>
        <source>整批 %n 份</source>
        <translation>The whole batch, %n notices</translation>
    </message>
    <message>
        <source>新地址重寄…</source>
        <translation>Re-send to a new address…</translation>
    </message>
    <message>
        <source>新地址重寄：</source>
        <translation>Re-send to a new address: </translation>
    </message>
    <message>
        <source>未產生</source>
        <translation>Not made</translation>
    </message>
    <message>
        <source>標籤、信封與掛號清單</source>
        <translation>Labels, envelopes and mail list</translation>
    </message>
    <message>
        <source>沒有匯入任何掛號號碼，請先處理：</source>
        <translation>No registered number was imported; fix this first:</translation>
    </message>
    <message>
        <source>無法產生通知，請先處理：</source>
        <translation>Cannot make the notices; first fix:</translation>
    </message>
    <message>
        <source>無法開始列印，請檢查印表機。</source>
        <translation>Cannot start printing; check the printer.</translation>
    </message>
    <message>
        <source>產生中…</source>
        <translation>Making…</translation>
    </message>
    <message>
        <source>產生通知單（Ctrl+G）</source>
        <translation>Make notices (Ctrl+G)</translation>
    </message>
    <message>
        <source>產生通知時發生錯誤：</source>
        <translation>Error while making the notices: </translation>
    </message>
    <message>
        <source>疑義內容</source>
        <translation>Objection</translation>
    </message>
    <message>
        <source>登記回覆…</source>
        <translation>Record reply…</translation>
    </message>
    <message>
        <source>登記回覆：</source>
        <translation>Record reply: </translation>
    </message>
    <message>
        <source>登記寄出</source>
        <translation>Log as sent</translation>
    </message>
    <message>
        <source>登記寄出…</source>
        <translation>Record sent…</translation>
    </message>
    <message>
        <source>登記退件…</source>
        <translation>Record returned…</translation>
    </message>
    <message>
        <source>登記退件：</source>
        <translation>Record returned: </translation>
    </message>
    <message>
        <source>確認期間不足</source>
        <translation>Confirmation period too short</translation>
    </message>
    <message>
        <source>移除選取（Delete）</source>
        <translation>Remove selected (Delete)</translation>
    </message>
    <message>
        <source>窗型信封校正頁 PDF…</source>
        <translation>Window-envelope calibration page PDF…</translation>
    </message>
    <message>
        <source>範圍</source>
        <translation>Which</translation>
    </message>
    <message>
        <source>說明</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>請先在工具列選擇學期，才能寄發該學期的紙本通知。</source>
        <translation>Choose a term in the toolbar first to send that term's paper notices.</translation>
    </message>
    <message>
        <source>請先選一位已產生通知的學生。</source>
        <translation>Select a student who has a notice first.</translation>
    </message>
    <message>
        <source>請先選一位退件的學生。</source>
        <translation>Select a student whose notice came back first.</translation>
    </message>
    <message>
        <source>請先選擇已產生通知的學生（可多選），再按「重印選取」。</source>
        <translation>Select students who have a notice (several are fine), then press Reprint selected.</translation>
    </message>
    <message>
        <source>請先選擇被退回的通知（可多選）。</source>
        <translation>Select the notices that came back (several are fine).</translation>
    </message>
    <message>
        <source>請到「提交與收訖」變更確認期間，再產生通知。</source>
        <translation>Change the confirmation period on Submission and receipts, then make the notices.</translation>
    </message>
    <message>
        <source>輸出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>退件原因</source>
        <translation>Reason returned</translation>
    </message>
    <message>
        <source>退回日期</source>
        <translation>Date returned</translation>
    </message>
    <message>
        <source>通知狀態</source>
        <translation>Notice status</translation>
    </message>
    <message>
        <source>通訊地址</source>
        <translation>Mailing address</translation>
    </message>
    <message>
        <source>選取學生的原通知（同一參考編號與回條）重新產生 PDF，可列印或另存</source>
        <translation>Make the PDF of the selected students' notices again (same reference and reply slip) to print or save</translation>
    </message>
    <message>
        <source>選取的 %n 份</source>
        <translation>The %n selected</translation>
    </message>
    <message>
        <source>還沒有可登記寄出的通知；請先產生通知單。</source>
        <translation>No notice to log as sent yet; generate the notices first.</translation>
    </message>
    <message>
        <source>還沒有產生通知，請先按「產生通知單」。</source>
        <translation>No notices yet; press "Make notices" first.</translation>
    </message>
    <message>
        <source>郵戳日期</source>
        <translation>Postmark date</translation>
    </message>
    <message>
        <source>郵遞區號</source>
        <translation>Postal code</translation>
    </message>
    <message>
        <source>重印原通知</source>
        <translation>Reprint the notice</translation>
    </message>
    <message>
        <source>重印選取（Ctrl+Shift+P）</source>
        <translation>Reprint selected (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <source>預設依學校設定</source>
        <translation>School setting by default</translation>
    </message>
</context>
<context>
    <name>OverviewDialog</name>
    <message>
        <source>PDF 檔 (*.pdf)</source>
        <translation>PDF file (*.pdf)</translation>
    </message>
    <message>
        <source>儲存檢核表</source>
        <translation>Save the checklist</translation>
    </message>
    <message>
        <source>列印檢核表…（Ctrl+P）</source>
        <translation>Print checklist… (Ctrl+P)</translation>
    </message>
    <message>
        <source>學年度／學期</source>
        <translation>School year / term</translation>
    </message>
    <message>
        <source>學生歷程總覽：</source>
        <translation>Student overview: </translation>
    </message>
    <message>
        <source>已存檔：</source>
        <translation>Saved: </translation>
    </message>
    <message>
        <source>檢核表.pdf</source>
        <translation>checklist.pdf</translation>
    </message>
    <message>
        <source>狀態</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>這位學生還沒有任何紀錄；在各分頁新增後，這裡會列出每學期每類別的狀態。</source>
        <translation>This student has no records yet; once they are added in the tabs, every term and category is listed here with its status.</translation>
    </message>
    <message>
        <source>關閉</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>類別</source>
        <translation>Category</translation>
    </message>
</context>
<context>
    <name>PortfolioTab</name>
    <message>
        <source>勾選或取消勾選提交中央資料庫（Ctrl+Space）</source>
        <translation>Select or unselect for the central database (Ctrl+Space)</translation>
    </message>
    <message>
        <source>勾選提交(&amp;S)</source>
        <translation>&amp;Select for submission</translation>
    </message>
    <message>
        <source>勾選提交：</source>
        <translation>Selected for submission: </translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>外部連結：</source>
        <translation>External link: </translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>校內</source>
        <translation>In school</translation>
    </message>
    <message>
        <source>校外</source>
        <translation>Outside school</translation>
    </message>
    <message>
        <source>處理者：</source>
        <translation>Handled by: </translation>
    </message>
    <message>
        <source>認證佇列(&amp;Q)…</source>
        <translation>Certification &amp;queue…</translation>
    </message>
    <message>
        <source>認證狀態：</source>
        <translation>Certification: </translation>
    </message>
    <message>
        <source>課程諮詢紀錄僅留存校內，不會提交中央資料庫。</source>
        <translation>Course consultation records stay in school; they are never submitted to the central database.</translation>
    </message>
    <message>
        <source>退回原因：</source>
        <translation>Reason for return: </translation>
    </message>
    <message>
        <source>重新送出認證</source>
        <translation>Resubmit for certification</translation>
    </message>
    <message>
        <source>附件面板（F9）</source>
        <translation>Attachments pane (F9)</translation>
    </message>
    <message>
        <source>（代理 %1）</source>
        <translation> (proxy for %1)</translation>
    </message>
</context>
<context>
    <name>PromotionDialog</name>
    <message>
        <source>。確定執行？（新學年度寫入第一筆紀錄前都可以復原。）</source>
        <translation>. Go ahead? (It can be undone until the first record of the new school year is written.)</translation>
    </message>
    <message>
        <source>升到新學年度的班級</source>
        <translation>Class in the new school year</translation>
    </message>
    <message>
        <source>升級 %1 學年度 → %2 學年度：</source>
        <translation>Promote school year %1 → %2: </translation>
    </message>
    <message>
        <source>升級作業</source>
        <translation>Year promotion</translation>
    </message>
    <message>
        <source>升級作業完成：</source>
        <translation>Promotion done: </translation>
    </message>
    <message>
        <source>原班級</source>
        <translation>Former class</translation>
    </message>
    <message>
        <source>執行升級(&amp;R)…</source>
        <translation>Promote(&amp;R)…</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>學年度升到 %1 學年度</source>
        <translation>to school year %1</translation>
    </message>
    <message>
        <source>學籍狀態</source>
        <translation>Enrolment status</translation>
    </message>
    <message>
        <source>學號</source>
        <translation>Student no.</translation>
    </message>
    <message>
        <source>已復原：%1 位學生回到升級前的班級與學籍狀態。</source>
        <translation>Undone: %1 students are back in their class and status from before.</translation>
    </message>
    <message>
        <source>座號</source>
        <translation>Seat no.</translation>
    </message>
    <message>
        <source>從</source>
        <translation>From</translation>
    </message>
    <message>
        <source>復原上次升級(&amp;U)</source>
        <translation>Undo the last promotion(&amp;U)</translation>
    </message>
    <message>
        <source>復原升到 %1 學年度的升級作業？</source>
        <translation>Undo the promotion into school year %1?</translation>
    </message>
    <message>
        <source>新座號</source>
        <translation>New seat</translation>
    </message>
    <message>
        <source>新班級</source>
        <translation>New class</translation>
    </message>
    <message>
        <source>沒有需要升級的學生。</source>
        <translation>No student to promote.</translation>
    </message>
    <message>
        <source>畢業日期</source>
        <translation>Graduation date</translation>
    </message>
    <message>
        <source>畢業日期：</source>
        <translation>Graduation date: </translation>
    </message>
    <message>
        <source>處理方式</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>關閉</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>預覽(&amp;P)</source>
        <translation>Preview(&amp;P)</translation>
    </message>
    <message>
        <source>；將建立班級：</source>
        <translation>; classes to be made: </translation>
    </message>
    <message>
        <source>；已有新學年度班級而不變動：%1 人</source>
        <translation>; already in a class of the new year, left as they are: %1</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <source>儲存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>RecordTab</name>
    <message>
        <source>%1
（這次查看已記錄在稽核紀錄中）</source>
        <translation>%1
(this viewing is recorded in the audit log)</translation>
    </message>
    <message>
        <source>全部學籍狀態</source>
        <translation>All enrolment statuses</translation>
    </message>
    <message>
        <source>共 %n 筆</source>
        <translation>%n rows</translation>
    </message>
    <message>
        <source>刪除(&amp;D)</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <source>在學</source>
        <translation>Enrolled (在學)</translation>
    </message>
    <message>
        <source>學籍(&amp;R)：</source>
        <translation>Enrolment (&amp;R):</translation>
    </message>
    <message>
        <source>學籍狀態：預設只列在學學生；離校學生以灰字標示</source>
        <translation>Enrolment status: only students in school by default; departed students are shown grey</translation>
    </message>
    <message>
        <source>搜尋：學號、姓名、班級或身分證統一編號</source>
        <translation>Search: student no., name, class or national ID</translation>
    </message>
    <message>
        <source>搜尋：學號、姓名或班級</source>
        <translation>Search: student no., name or class</translation>
    </message>
    <message>
        <source>搜尋：課程代碼或科目名稱</source>
        <translation>Search: course code or subject name</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>New </translation>
    </message>
    <message>
        <source>新增(&amp;N)</source>
        <translation>&amp;New</translation>
    </message>
    <message>
        <source>歷程(&amp;H)</source>
        <translation>&amp;History</translation>
    </message>
    <message>
        <source>無法刪除</source>
        <translation>Cannot delete</translation>
    </message>
    <message>
        <source>無法顯示</source>
        <translation>Cannot show</translation>
    </message>
    <message>
        <source>確定要刪除這筆資料嗎？
%1
刪除後仍保留在稽核紀錄中，可由管理者還原。</source>
        <translation>Delete this record?
%1
It stays in the audit log and an administrator can restore it.</translation>
    </message>
    <message>
        <source>確認刪除</source>
        <translation>Confirm deletion</translation>
    </message>
    <message>
        <source>編輯</source>
        <translation>Edit </translation>
    </message>
    <message>
        <source>編輯(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>身分證統一編號</source>
        <translation>National ID</translation>
    </message>
    <message>
        <source>這筆資料的完整異動紀錄：誰、何時、在哪台電腦、改了什麼</source>
        <translation>The full history of this record: who, when, on which PC, what changed</translation>
    </message>
    <message>
        <source>離校（轉出、休學、退學、畢業）</source>
        <translation>Departed (transferred, suspended, withdrawn, graduated)</translation>
    </message>
    <message>
        <source>顯示身分證號</source>
        <translation>Show national ID</translation>
    </message>
    <message>
        <source>顯示這位學生完整的身分證統一編號（會記錄在稽核紀錄中）</source>
        <translation>Show this student's full national ID (recorded in the audit log)</translation>
    </message>
    <message>
        <source>（只列出您 %1 學年度任教、導師班或諮詢的學生）</source>
        <translation> (only the students you teach, your homeroom class and those you counsel in school year %1)</translation>
    </message>
    <message>
        <source>（只列出您任教、導師班或諮詢過的學生）</source>
        <translation> (only the students you teach, your homeroom class and those you counsel)</translation>
    </message>
</context>
<context>
    <name>SchoolDialog</name>
    <message>
        <source>學期</source>
        <translation>Term</translation>
    </message>
    <message>
        <source>學期與班級</source>
        <translation>Terms and classes</translation>
    </message>
    <message>
        <source>學校資料</source>
        <translation>School data</translation>
    </message>
    <message>
        <source>搜尋</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>班級</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>關閉</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>件數上限</source>
        <translation>Limits</translation>
    </message>
    <message>
        <source>保存與備份</source>
        <translation>Retention and backups</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>只有註冊組與系統管理者可以變更學校設定。</source>
        <translation>Only the registrar and the administrator can change the school settings.</translation>
    </message>
    <message>
        <source>地址標籤</source>
        <translation>Address labels</translation>
    </message>
    <message>
        <source>地址標籤：上邊界（公釐）</source>
        <translation>Labels: top margin (mm)</translation>
    </message>
    <message>
        <source>地址標籤：寬（公釐）</source>
        <translation>Labels: width (mm)</translation>
    </message>
    <message>
        <source>地址標籤：左邊界（公釐）</source>
        <translation>Labels: left margin (mm)</translation>
    </message>
    <message>
        <source>地址標籤：每列張數</source>
        <translation>Labels: per row</translation>
    </message>
    <message>
        <source>地址標籤：每頁列數</source>
        <translation>Labels: rows per page</translation>
    </message>
    <message>
        <source>地址標籤：高（公釐）</source>
        <translation>Labels: height (mm)</translation>
    </message>
    <message>
        <source>多元表現每學年件數上限</source>
        <translation>Diverse performances per school year (max)</translation>
    </message>
    <message>
        <source>學期行事曆預設</source>
        <translation>Term calendar defaults</translation>
    </message>
    <message>
        <source>學校設定</source>
        <translation>School settings</translation>
    </message>
    <message>
        <source>畢業後資料保存年限</source>
        <translation>Years kept after graduation</translation>
    </message>
    <message>
        <source>疑義回覆天數（0＝通知不承諾回覆時間）</source>
        <translation>Days to answer an objection (0 = the letter promises no time)</translation>
    </message>
    <message>
        <source>窗型信封地址框：寬（公釐）</source>
        <translation>Envelope window: width (mm)</translation>
    </message>
    <message>
        <source>窗型信封地址框：距紙張上緣（公釐）</source>
        <translation>Envelope window: from the top edge (mm)</translation>
    </message>
    <message>
        <source>窗型信封地址框：距紙張左緣（公釐）</source>
        <translation>Envelope window: from the left edge (mm)</translation>
    </message>
    <message>
        <source>窗型信封地址框：高（公釐）</source>
        <translation>Envelope window: height (mm)</translation>
    </message>
    <message>
        <source>紙本通知收件人：1 寄給家長（監護人）、0 寄給學生</source>
        <translation>Paper notices go to: 1 the parent (guardian), 0 the student</translation>
    </message>
    <message>
        <source>紙本通知與窗型信封</source>
        <translation>Paper notices and window envelopes</translation>
    </message>
    <message>
        <source>紙本通知：回覆期限（寄出後天數）</source>
        <translation>Notices: days to reply after mailing</translation>
    </message>
    <message>
        <source>紙本通知：每封掛號郵資（元，印在大宗掛號執據）</source>
        <translation>Paper notices: registered postage per letter (NT$, on the bulk registered-mail receipt)</translation>
    </message>
    <message>
        <source>紙本通知：郵寄往返天數（計入回覆期限）</source>
        <translation>Paper notices: days of post both ways (counted in the reply deadline)</translation>
    </message>
    <message>
        <source>自動備份保留份數</source>
        <translation>Automatic backups kept</translation>
    </message>
    <message>
        <source>行事曆預設：上傳期間至休業式後幾天</source>
        <translation>Calendar default: uploads until days after the term's end</translation>
    </message>
    <message>
        <source>行事曆預設：公告確認期間期限為提交期限後幾天</source>
        <translation>Calendar default: announce the period by days after submission</translation>
    </message>
    <message>
        <source>行事曆預設：提交期限為休業式後幾天</source>
        <translation>Calendar default: submission deadline, days after the term's end</translation>
    </message>
    <message>
        <source>行事曆預設：校內完成期限為提交期限前幾天</source>
        <translation>Calendar default: internal deadline, days before submission</translation>
    </message>
    <message>
        <source>行事曆預設：認證期間至休業式後幾天</source>
        <translation>Calendar default: certification until days after the term's end</translation>
    </message>
    <message>
        <source>課程學習成果每學年勾選件數上限</source>
        <translation>Course learning outcomes selected per school year (max)</translation>
    </message>
    <message>
        <source>課程學習成果每學期上傳件數上限</source>
        <translation>Course learning outcomes uploaded per term (max)</translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <source>兩次輸入的密碼不同，請重新輸入。</source>
        <translation>The two passwords differ; type them again.</translation>
    </message>
    <message>
        <source>再輸入一次(&amp;R)：</source>
        <translation>&amp;Repeat: </translation>
    </message>
    <message>
        <source>姓名(&amp;N)：</source>
        <translation>&amp;Name: </translation>
    </message>
    <message>
        <source>完成加入學校(&amp;J)</source>
        <translation>Finish &amp;joining the school</translation>
    </message>
    <message>
        <source>密碼(&amp;P)：</source>
        <translation>&amp;Password: </translation>
    </message>
    <message>
        <source>已加入學校的共用資料庫。請以您在學校的帳號與密碼登入。</source>
        <translation>This PC has joined the school's shared database. Sign in with your school account and password.</translation>
    </message>
    <message>
        <source>帳號(&amp;U)：</source>
        <translation>&amp;Username: </translation>
    </message>
    <message>
        <source>建立並登入</source>
        <translation>Create and sign in</translation>
    </message>
    <message>
        <source>畫面已鎖定</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <source>登入</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>登入 LXP Desktop</source>
        <translation>Sign in to LXP Desktop</translation>
    </message>
    <message>
        <source>請輸入您的帳號與密碼。</source>
        <translation>Enter your username and password.</translation>
    </message>
    <message>
        <source>這台電腦加入學校共用資料庫的第一次同步尚未完成。請按「完成加入學校」完成同步，再以您在學校的帳號登入。</source>
        <translation>This PC's first sync with the school's shared database did not finish. Press "Finish joining the school", then sign in with your school account.</translation>
    </message>
    <message>
        <source>這是這個資料庫第一次使用。請建立系統管理者帳號；之後用它新增其他同仁的帳號。
沒有預設密碼，請設定至少 8 個字元的密碼並妥善保管。</source>
        <translation>This database is used for the first time. Create the administrator account; use it to add your colleagues' accounts.
There is no default password: choose one of at least 8 characters and keep it safe.</translation>
    </message>
    <message>
        <source>閒置過久，畫面已鎖定以保護學生個人資料。請重新登入以繼續。</source>
        <translation>The screen was locked after a period of inactivity to protect students' personal data. Sign in again to continue.</translation>
    </message>
    <message>
        <source>首次設定：建立系統管理者</source>
        <translation>First start: create the administrator</translation>
    </message>
</context>
<context>
    <name>SubmissionTab</name>
    <message>
        <source>下載其他電腦附加的檔案…</source>
        <translation>Fetching files attached on other PCs…</translation>
    </message>
    <message>
        <source>代碼</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>任課教師</source>
        <translation>Teacher</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>儲存差異清單</source>
        <translation>Save the list of differences</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>公告確認期間</source>
        <translation>Announce the confirmation period</translation>
    </message>
    <message>
        <source>公告確認期間(&amp;P)…</source>
        <translation>Announce &amp;period…</translation>
    </message>
    <message>
        <source>分組：</source>
        <translation>Group by: </translation>
    </message>
    <message>
        <source>匯入中…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>匯入收訖明細(&amp;R)…</source>
        <translation>Import &amp;receipt details…</translation>
    </message>
    <message>
        <source>匯出中…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>匯出差異 .xlsx…</source>
        <translation>Export differences .xlsx…</translation>
    </message>
    <message>
        <source>匯出提交包(&amp;X)…</source>
        <translation>E&amp;xport package…</translation>
    </message>
    <message>
        <source>匯出預檢 .xlsx…</source>
        <translation>Export pre-check .xlsx…</translation>
    </message>
    <message>
        <source>嚴重度</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>執行預檢(&amp;K)</source>
        <translation>Run chec&amp;k</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>學籍狀態</source>
        <translation>Enrolment status</translation>
    </message>
    <message>
        <source>學號</source>
        <translation>Student no.</translation>
    </message>
    <message>
        <source>密碼（沒有密碼請留空）：</source>
        <translation>Password (leave empty if none):</translation>
    </message>
    <message>
        <source>導師名單 .xlsx…</source>
        <translation>Homeroom lists .xlsx…</translation>
    </message>
    <message>
        <source>尚未公告確認期間</source>
        <translation>No confirmation period announced yet</translation>
    </message>
    <message>
        <source>已公告確認期間 %1–%2。</source>
        <translation>Confirmation period %1–%2 announced.</translation>
    </message>
    <message>
        <source>已匯入收訖明細：相符 %1、不同 %2、缺漏 %3、多出 %4。</source>
        <translation>Receipt details imported: %1 as sent, %2 different, %3 missing, %4 unexpected.</translation>
    </message>
    <message>
        <source>已匯出 %n 個班級的名單到 </source>
        <translation>Exported the lists of %n classes to </translation>
    </message>
    <message>
        <source>已匯出 %n 筆差異：</source>
        <translation>Exported %n differences: </translation>
    </message>
    <message>
        <source>已匯出 %n 項預檢結果：</source>
        <translation>Exported %n pre-check findings: </translation>
    </message>
    <message>
        <source>已匯出%1第 %2 次提交：%3</source>
        <translation>Exported %1, submission no. %2: %3</translation>
    </message>
    <message>
        <source>已登錄。</source>
        <translation>recorded.</translation>
    </message>
    <message>
        <source>已確認(&amp;C)</source>
        <translation>&amp;Confirmed</translation>
    </message>
    <message>
        <source>座號</source>
        <translation>Seat no.</translation>
    </message>
    <message>
        <source>待確認 %1、已確認 %2、疑義 處理中 %3／已處理 %4、視為確認 %5</source>
        <translation>Pending %1, confirmed %2, objections open %3 / closed %4, deemed confirmed %5</translation>
    </message>
    <message>
        <source>提交時間</source>
        <translation>Submitted at</translation>
    </message>
    <message>
        <source>提交紀錄</source>
        <translation>Submissions</translation>
    </message>
    <message>
        <source>提出疑義</source>
        <translation>Raise an objection</translation>
    </message>
    <message>
        <source>提出疑義(&amp;O)…</source>
        <translation>&amp;Objection…</translation>
    </message>
    <message>
        <source>收訖明細 (*.zip)</source>
        <translation>Receipt details (*.zip)</translation>
    </message>
    <message>
        <source>收訖明細密碼</source>
        <translation>Receipt details password</translation>
    </message>
    <message>
        <source>收訖核對差異</source>
        <translation>Reconciliation differences</translation>
    </message>
    <message>
        <source>收訖核對：相符 %1、不同 %2、缺漏 %3、多出 %4</source>
        <translation>Reconciliation: %1 as sent, %2 different, %3 missing, %4 unexpected</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>更正</source>
        <translation>Corrects</translation>
    </message>
    <message>
        <source>核對結果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>檢查本學期的資料（F5）</source>
        <translation>Check this term's data (F5)</translation>
    </message>
    <message>
        <source>次別</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>班級</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>疑義內容</source>
        <translation>Objection</translation>
    </message>
    <message>
        <source>疑義內容：</source>
        <translation>Objection:</translation>
    </message>
    <message>
        <source>確認期間 %1–%2</source>
        <translation>Confirmation period %1–%2</translation>
    </message>
    <message>
        <source>確認期間已改為 %1–%2。</source>
        <translation>Confirmation period changed to %1–%2.</translation>
    </message>
    <message>
        <source>確認狀態</source>
        <translation>Confirmation states</translation>
    </message>
    <message>
        <source>種類</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>筆數</source>
        <translation>Rows</translation>
    </message>
    <message>
        <source>結束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>經辦</source>
        <translation>By</translation>
    </message>
    <message>
        <source>至少 3 天，例如 114/03/05</source>
        <translation>At least 3 days, e.g. 114/03/05</translation>
    </message>
    <message>
        <source>處理疑義</source>
        <translation>Handle the objection</translation>
    </message>
    <message>
        <source>處理疑義(&amp;H)…</source>
        <translation>&amp;Handle objection…</translation>
    </message>
    <message>
        <source>處理結果</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>處理結果（調查與更正）：</source>
        <translation>Resolution (investigation and correction):</translation>
    </message>
    <message>
        <source>說明</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>請先在「確認狀態」選擇一位學生。</source>
        <translation>Select a student in “Confirmation states” first.</translation>
    </message>
    <message>
        <source>請先執行預檢。</source>
        <translation>Run the pre-check first.</translation>
    </message>
    <message>
        <source>請在工具列選擇一個學期。</source>
        <translation>Choose a term in the toolbar.</translation>
    </message>
    <message>
        <source>變更確認期間</source>
        <translation>Change confirmation period</translation>
    </message>
    <message>
        <source>變更確認期間(&amp;P)…</source>
        <translation>Change confirmation &amp;period…</translation>
    </message>
    <message>
        <source>進度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>逾期未處理疑義 %n</source>
        <translation>Overdue objections %n</translation>
    </message>
    <message>
        <source>選擇導師名單的存放資料夾</source>
        <translation>Choose a folder for the homeroom lists</translation>
    </message>
    <message>
        <source>選擇提交包的存放資料夾</source>
        <translation>Choose a folder for the package</translation>
    </message>
    <message>
        <source>選擇收訖明細檔</source>
        <translation>Choose the receipt-details file</translation>
    </message>
    <message>
        <source>開始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>項目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>預檢中…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>預檢完成：沒有發現問題。</source>
        <translation>Check finished: no problems found.</translation>
    </message>
    <message>
        <source>預檢完成：須修正 %1 項，提醒 %2 項。雙擊或按 Enter 開啟該筆資料。</source>
        <translation>Check finished: %1 to fix, %2 warnings. Double-click or press Enter to open the record.</translation>
    </message>
    <message>
        <source>預檢結果</source>
        <translation>Check results</translation>
    </message>
    <message>
        <source>預檢：須修正 %1、提醒 %2</source>
        <translation>Check: %1 to fix, %2 warnings</translation>
    </message>
    <message>
        <source>類別</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>類別：</source>
        <translation>Category:</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source> 分鐘</source>
        <translation> minutes</translation>
    </message>
    <message>
        <source>CA 憑證檔(&amp;C)：</source>
        <translation>&amp;CA certificate file:</translation>
    </message>
    <message>
        <source>不加密、不驗證伺服器（不建議）</source>
        <translation>No encryption, server not verified (not recommended)</translation>
    </message>
    <message>
        <source>主機(&amp;H)：</source>
        <translation>&amp;Host: </translation>
    </message>
    <message>
        <source>保留共用資料庫的值(&amp;K)</source>
        <translation>&amp;Keep the shared database's value</translation>
    </message>
    <message>
        <source>修復(&amp;R)</source>
        <translation>&amp;Recover</translation>
    </message>
    <message>
        <source>兩台電腦改了同一欄位、或一邊刪除一邊修改時，共用資料庫先保留原值，請決定要留下哪一個值；決定後會在下次同步送出。
兩台電腦各自新增了同一學號、班級代碼等的不同資料時，本機那筆與依附它的資料都保留在這台電腦，請合併、改用新的代碼或學號，或捨棄。</source>
        <translation>When two PCs changed the same field, or one deleted what the other edited, the shared database keeps its value for now. Decide which value stays; your decision is sent with the next sync.
When two PCs each added a different row with the same student number, class code or the like, this PC's row and what depends on it stay here: merge it, give it a new code or number, or discard it.</translation>
    </message>
    <message>
        <source>共用資料庫已從備份還原</source>
        <translation>The shared database was restored from a backup</translation>
    </message>
    <message>
        <source>共用資料庫的值</source>
        <translation>Shared database value</translation>
    </message>
    <message>
        <source>共用資料庫設定</source>
        <translation>Shared database settings</translation>
    </message>
    <message>
        <source>共用資料庫設定(&amp;D)…</source>
        <translation>Shared &amp;database settings…</translation>
    </message>
    <message>
        <source>共用資料庫：%1｜待上傳 %2｜衝突 %3</source>
        <translation>Shared database: %1 | to send %2 | conflicts %3</translation>
    </message>
    <message>
        <source>原本的值</source>
        <translation>Original value</translation>
    </message>
    <message>
        <source>合併為共用資料庫的那一筆(&amp;M)</source>
        <translation>&amp;Merge into the shared database's row</translation>
    </message>
    <message>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>同步中…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>同步完成：上傳 %1 筆、下載 %2 筆。</source>
        <translation>Sync done: %1 sent, %2 received.</translation>
    </message>
    <message>
        <source>同步後超過上限（預檢會列出）：</source>
        <translation>Over a cap after the sync (the pre-check lists them):</translation>
    </message>
    <message>
        <source>同步時發生未預期的錯誤：</source>
        <translation>Unexpected error while syncing: </translation>
    </message>
    <message>
        <source>學校的 CA 憑證檔</source>
        <translation>The school's CA certificate file</translation>
    </message>
    <message>
        <source>學校的 CA 憑證檔（.crt／.pem）</source>
        <translation>The school's CA certificate file (.crt/.pem)</translation>
    </message>
    <message>
        <source>學校資料以共用資料庫為準</source>
        <translation>The school's data comes from the shared database</translation>
    </message>
    <message>
        <source>密碼(&amp;W)：</source>
        <translation>Pass&amp;word: </translation>
    </message>
    <message>
        <source>密碼存放在作業系統的認證管理員（keyring），不會寫入檔案。</source>
        <translation>The password is kept in the operating system's credential store (keyring), never in a file.</translation>
    </message>
    <message>
        <source>尚未同步</source>
        <translation>not synced yet</translation>
    </message>
    <message>
        <source>已同步 %1</source>
        <translation>synced %1</translation>
    </message>
    <message>
        <source>已從備份還原，待修復（立即同步）</source>
        <translation>restored from a backup, recovery needed (Sync now)</translation>
    </message>
    <message>
        <source>帳號(&amp;U)：</source>
        <translation>&amp;Username: </translation>
    </message>
    <message>
        <source>憑證 (*.crt *.pem *.cer);;所有檔案 (*)</source>
        <translation>Certificates (*.crt *.pem *.cer);;All files (*)</translation>
    </message>
    <message>
        <source>捨棄本機新增</source>
        <translation>Discard what was added here</translation>
    </message>
    <message>
        <source>捨棄本機新增(&amp;X)…</source>
        <translation>Discard what was added here (&amp;X)…</translation>
    </message>
    <message>
        <source>捨棄本機新增的這筆資料，以及在本機依附它的資料與待上傳的變更？%1
這些資料從未進入共用資料庫，捨棄後無法復原。</source>
        <translation>Discard the row added on this PC, with the rows that depend on it here and their changes waiting to be sent? %1
They never reached the shared database; this cannot be undone.</translation>
    </message>
    <message>
        <source>改用新的代碼或學號</source>
        <translation>Use a new code or student number</translation>
    </message>
    <message>
        <source>改用新的代碼或學號(&amp;R)…</source>
        <translation>Use a new code or student number (&amp;R)…</translation>
    </message>
    <message>
        <source>改用本機的值(&amp;L)</source>
        <translation>Use this PC's &amp;local value</translation>
    </message>
    <message>
        <source>未設定共用資料庫</source>
        <translation>No shared database configured</translation>
    </message>
    <message>
        <source>本機的值</source>
        <translation>This PC's value</translation>
    </message>
    <message>
        <source>本機這筆資料的新%1（共用資料庫已有「%2」）：</source>
        <translation>New %1 for this PC's row (the shared database already has "%2"):</translation>
    </message>
    <message>
        <source>欄位</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>立即同步(&amp;S)</source>
        <translation>&amp;Sync now</translation>
    </message>
    <message>
        <source>紀錄</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>自動同步間隔(&amp;I)：</source>
        <translation>Automatic sync &amp;interval: </translation>
    </message>
    <message>
        <source>衝突</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>衝突(&amp;C)…</source>
        <translation>&amp;Conflicts…</translation>
    </message>
    <message>
        <source>說明</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>請填寫主機、資料庫與帳號。</source>
        <translation>Fill in the host, database and user.</translation>
    </message>
    <message>
        <source>請選擇學校的 CA 憑證檔，用來驗證共用資料庫伺服器；若確實不加密連線，請勾選「不加密」。</source>
        <translation>Choose the school's CA certificate file to verify the shared database server; to connect without encryption on purpose, tick "No encryption".</translation>
    </message>
    <message>
        <source>警告：不加密時，學生個人資料與密碼可能在網路上被竊聽，或被冒充的伺服器取得。只在伺服器本機或測試時使用。</source>
        <translation>Warning: without encryption, students' personal data and the password can be read on the network or taken by a server posing as yours. Use it only on the server itself or for tests.</translation>
    </message>
    <message>
        <source>資料</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>資料庫(&amp;D)：</source>
        <translation>&amp;Database: </translation>
    </message>
    <message>
        <source>這些附件的檔案不在這台電腦上，暫不上傳（其他資料照常同步）：</source>
        <translation>The files of these attachments are not on this PC; they wait (everything else syncs): </translation>
    </message>
    <message>
        <source>這台電腦先前自己填的學校資料與學校的共用資料庫不同，已改用學校的資料：</source>
        <translation>The school data filled in on this PC differed from the school's shared database; the school's is used now:</translation>
    </message>
    <message>
        <source>連接埠(&amp;P)：</source>
        <translation>&amp;Port: </translation>
    </message>
    <message>
        <source>選擇(&amp;B)…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>關閉</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>離線</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>｜超過上限 %1</source>
        <translation> | over a cap %1</translation>
    </message>
    <message>
        <source>｜附件檔案遺失 %1</source>
        <translation> | attachment files missing %1</translation>
    </message>
</context>
<context>
    <name>Transfer</name>
    <message>
        <source>Excel 活頁簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>匯入 Excel／CSV(&amp;I)…</source>
        <translation>&amp;Import Excel/CSV…</translation>
    </message>
    <message>
        <source>匯入學籍、課程、修課紀錄、幹部經歷或多元表現（先試算再寫入）</source>
        <translation>Import the roster, courses, course records, cadre records or diverse performances (preview first, then write)</translation>
    </message>
    <message>
        <source>匯出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>匯出中…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>匯出為 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <source>匯出目前分頁(&amp;E)…</source>
        <translation>&amp;Export current tab…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>已匯出 %1 筆：%2</source>
        <translation>Exported %1 rows: %2</translation>
    </message>
    <message>
        <source>已取消匯出，沒有產生檔案。</source>
        <translation>Export cancelled; no file was written.</translation>
    </message>
    <message>
        <source>把目前分頁篩選後的資料匯出為 Excel（可再匯入）</source>
        <translation>Export the current tab's filtered rows to Excel (can be imported again)</translation>
    </message>
    <message>
        <source>無法匯出</source>
        <translation>Cannot export</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>  附件：%n 個</source>
        <translation>  attachments: %n</translation>
    </message>
    <message>
        <source>%1 的格式應為「甲=乙」，以逗號分隔；讀到「%2」。</source>
        <translation>%1 must be given as a=b, separated by commas; read "%2".</translation>
    </message>
    <message>
        <source>%1 記下的第 %2 筆是從備份還原之前的紀錄，已不再比對。</source>
        <translation>Entry %2 recorded in %1 is from before a restore from a backup and is no longer compared.</translation>
    </message>
    <message>
        <source>%1 預檢：須修正 %2 項，提醒 %3 項。</source>
        <translation>%1 pre-check: %2 to fix, %3 warnings.</translation>
    </message>
    <message>
        <source>%s 沒有離校學生需要寄發紙本通知。</source>
        <translation>%s: no departed student needs a paper notice.</translation>
    </message>
    <message>
        <source>%s 的密碼：</source>
        <translation>Password of %s: </translation>
    </message>
    <message>
        <source>--mail-list 的檔名要以 .xlsx 或 .pdf 結尾。</source>
        <translation>The --mail-list file name must end in .xlsx or .pdf.</translation>
    </message>
    <message>
        <source>--out 是資料夾，不是檔名；請指定 PDF 檔名，例如 %s</source>
        <translation>--out is a folder, not a file name; give a PDF file name, for example %s</translation>
    </message>
    <message>
        <source>代理人</source>
        <translation>Proxies</translation>
    </message>
    <message>
        <source>以 %1 的備份（學生 %2 筆）取代目前的資料庫？目前的資料庫會保留在備份資料夾。</source>
        <translation>Replace the current database with the backup of %1 (%2 students)? The current database is kept in the backups folder.</translation>
    </message>
    <message>
        <source>使用備用字型印出罕用字：</source>
        <translation>Rare characters printed with the fallback font: </translation>
    </message>
    <message>
        <source>備份 %1</source>
        <translation>backup %1</translation>
    </message>
    <message>
        <source>先封存到 %1，再清除 %2 位學生的學習歷程資料（學籍保留）？清除後無法復原。</source>
        <translation>Archive to %1 and then remove the portfolio data of %2 students (their enrolment record is kept)? This cannot be undone.</translation>
    </message>
    <message>
        <source>兩次輸入的密碼不同，請重新執行。</source>
        <translation>The two passwords differ; run the command again.</translation>
    </message>
    <message>
        <source>共用資料庫</source>
        <translation>the shared database</translation>
    </message>
    <message>
        <source>其中 %n 份是重印的原通知。</source>
        <translation>%n of them are reprints of the existing notices.</translation>
    </message>
    <message>
        <source>再輸入一次密碼：</source>
        <translation>Repeat the password: </translation>
    </message>
    <message>
        <source>出處</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>分組　名稱　未上傳　待認證　退回　未勾選　期限　剩餘天數</source>
        <translation>Group  Name  Not uploaded  Awaiting certification  Returned  Not selected  Deadline  Days left</translation>
    </message>
    <message>
        <source>剩 %n 天</source>
        <translation>%n days left</translation>
    </message>
    <message>
        <source>升級作業完成：%1 → %2 學年度，%3（人）；新建班級 %4 個；畢業日期 %5。</source>
        <translation>Promotion done: school year %1 → %2, %3 (students); %4 classes made; graduation date %5.</translation>
    </message>
    <message>
        <source>參數錯誤：</source>
        <translation>Invalid arguments: </translation>
    </message>
    <message>
        <source>報告已寫入：</source>
        <translation>Report written to: </translation>
    </message>
    <message>
        <source>學生人數須在 1 到 5000 之間。</source>
        <translation>The number of students must be between 1 and 5000.</translation>
    </message>
    <message>
        <source>尚未設定承辦項目；可用 --seed 依補充規定建立。</source>
        <translation>No duties set up yet; --seed creates those of the school rules.</translation>
    </message>
    <message>
        <source>展延：</source>
        <translation>Extension: </translation>
    </message>
    <message>
        <source>差異 %n 筆。</source>
        <translation>%n differences.</translation>
    </message>
    <message>
        <source>已中斷，未完成的工作沒有寫入。</source>
        <translation>Interrupted; nothing unfinished was written.</translation>
    </message>
    <message>
        <source>已作廢的原通知：</source>
        <translation>Voided notices: </translation>
    </message>
    <message>
        <source>已公告確認期間 %1–%2，%n 位學生待確認。</source>
        <translation>Confirmation period %1–%2 announced; %n students to confirm.</translation>
    </message>
    <message>
        <source>已勾選 %n 筆。</source>
        <translation>%n selected.</translation>
    </message>
    <message>
        <source>已匯入收訖明細（%1），%2 位學生。</source>
        <translation>Receipt details imported (%1), %2 students.</translation>
    </message>
    <message>
        <source>已匯出 %1 第 %2 次提交：%3</source>
        <translation>Exported %1, submission no. %2: %3</translation>
    </message>
    <message>
        <source>已匯出 %n 筆：</source>
        <translation>Exported %n rows: </translation>
    </message>
    <message>
        <source>已取消勾選 %n 筆。</source>
        <translation>%n unselected.</translation>
    </message>
    <message>
        <source>已取消，未做任何變更。</source>
        <translation>Cancelled; nothing was changed.</translation>
    </message>
    <message>
        <source>已封存到 %1，清除 %2 位學生的資料（%3 筆、附件 %4 個）。</source>
        <translation>Archived to %1; removed the data of %2 students (%3 records, %4 attachments).</translation>
    </message>
    <message>
        <source>已展延 %1 至 %2：%3</source>
        <translation>Extended %1 to %2: %3</translation>
    </message>
    <message>
        <source>已建立系統管理者帳號 %s 並登入。</source>
        <translation>Created the administrator account %s and signed in.</translation>
    </message>
    <message>
        <source>已復原 %1 學年度的升級作業：%2 位學生回到升級前的班級與學籍狀態。</source>
        <translation>Promotion into school year %1 undone: %2 students are back in their class and status from before.</translation>
    </message>
    <message>
        <source>已為 %n 位學生延長確認期限至 %1。</source>
        <translation>Extended the confirmation deadline of %n students to %1.</translation>
    </message>
    <message>
        <source>已產生 %n 份通知，共 %p 頁：</source>
        <translation>%n notices made, %p pages: </translation>
    </message>
    <message>
        <source>已設定 %n 項日期。</source>
        <translation>%n dates set.</translation>
    </message>
    <message>
        <source>已認證 %n 件課程學習成果。</source>
        <translation>%n course learning outcomes certified.</translation>
    </message>
    <message>
        <source>已變更：</source>
        <translation>Changed: </translation>
    </message>
    <message>
        <source>已退回 %n 件課程學習成果。</source>
        <translation>%n course learning outcomes returned.</translation>
    </message>
    <message>
        <source>已還原 %s。</source>
        <translation>Restored %s.</translation>
    </message>
    <message>
        <source>待確認 %1｜已確認 %2｜疑義 處理中 %3／已處理 %4｜視為確認 %5</source>
        <translation>To confirm %1 | confirmed %2 | objections open %3 / closed %4 | deemed confirmed %5</translation>
    </message>
    <message>
        <source>找不到教職員「%s」，請用帳號或姓名。</source>
        <translation>No staff member "%s"; give a username or name.</translation>
    </message>
    <message>
        <source>找不到檔案：</source>
        <translation>File not found: </translation>
    </message>
    <message>
        <source>找不到這些學號的學生：</source>
        <translation>No student with these numbers: </translation>
    </message>
    <message>
        <source>找不到這些學號：</source>
        <translation>No student with these numbers: </translation>
    </message>
    <message>
        <source>承辦人</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <source>提交類別須為：</source>
        <translation>The submission category must be one of: </translation>
    </message>
    <message>
        <source>提出 %1，應於 %2 前處理</source>
        <translation>raised %1, to be handled by %2</translation>
    </message>
    <message>
        <source>日期要寫成 KEY=日期 或 KEY=開始~結束，例如 certification=114/02/01~114/02/21；</source>
        <translation>Write dates as KEY=DATE or KEY=START~END, e.g. certification=114/02/01~114/02/21; </translation>
    </message>
    <message>
        <source>最新的稽核紀錄被刪除：%2 記下鏈已到第 %3 筆，資料庫只到第 %4 筆（至少少了 %1 筆）。請從備份還原並調查。</source>
        <translation>The newest audit entries were deleted: %2 records the chain up to entry %3, the database only has %4 (at least %1 missing). Restore from a backup and investigate.</translation>
    </message>
    <message>
        <source>最早的 %1 筆紀錄被刪除（鏈從開頭被截斷）</source>
        <translation>the first %1 entries were deleted (the chain was cut at its start)</translation>
    </message>
    <message>
        <source>未設定</source>
        <translation>Not set</translation>
    </message>
    <message>
        <source>本學期還沒有提交紀錄。</source>
        <translation>No submission for this term yet.</translation>
    </message>
    <message>
        <source>沒有保存期限已過的資料。</source>
        <translation>No data past its retention period.</translation>
    </message>
    <message>
        <source>沒有可比對的錨點（備份、共用資料庫或資料庫旁的檔案），無法確認最新的紀錄沒有被刪除。</source>
        <translation>No anchor to compare with (backups, the shared database or the file beside the store): it cannot be confirmed that the newest entries were not deleted.</translation>
    </message>
    <message>
        <source>沒有待認證的課程學習成果。</source>
        <translation>No course learning outcomes awaiting certification.</translation>
    </message>
    <message>
        <source>無法向共用資料庫比對稽核紀錄的錨點（連不上或版本不同），請連上學校網路後再檢查一次。</source>
        <translation>The audit anchor could not be compared with the shared database (unreachable or of another version); connect to the school network and check again.</translation>
    </message>
    <message>
        <source>無法寫入檔案，沒有記錄任何通知：</source>
        <translation>Cannot write the file; no notice was recorded: </translation>
    </message>
    <message>
        <source>無法寫入輸出資料夾（沒有寫入權限）：</source>
        <translation>Cannot write to the output folder (no write permission): </translation>
    </message>
    <message>
        <source>無法產生通知，請先處理下列問題（沒有寫入任何資料）：</source>
        <translation>Cannot make the notices; fix these first (nothing was written):</translation>
    </message>
    <message>
        <source>無法讀寫檔案，未完成的工作沒有寫入：</source>
        <translation>Cannot read or write a file; the unfinished work was not written: </translation>
    </message>
    <message>
        <source>異動內容與其雜湊值不相符（這筆紀錄的內容被改過）</source>
        <translation>the changes do not match their hash (the content of this entry was changed)</translation>
    </message>
    <message>
        <source>發生未預期的錯誤，未完成的工作沒有寫入。詳細內容已寫入記錄檔：</source>
        <translation>An unexpected error occurred; nothing unfinished was written. The details are in the log file: </translation>
    </message>
    <message>
        <source>目前的資料庫無法開啟：</source>
        <translation>The current database cannot be opened: </translation>
    </message>
    <message>
        <source>確認期間已改為 %1–%2，%n 位學生待確認。</source>
        <translation>Confirmation period changed to %1–%2; %n students to confirm.</translation>
    </message>
    <message>
        <source>確認期間已結束：%n 位未回覆的學生視為確認。</source>
        <translation>The confirmation period has ended: %n students who did not answer are deemed to have confirmed.</translation>
    </message>
    <message>
        <source>示範學校已建立於 %s</source>
        <translation>Demo school created in %s</translation>
    </message>
    <message>
        <source>示範帳號（僅限示範資料庫）：</source>
        <translation>Demo accounts (demo databases only):</translation>
    </message>
    <message>
        <source>稽核紀錄在第 %1 筆斷鏈：%2。此筆及之後的紀錄不可信，請從備份還原並調查。</source>
        <translation>The audit chain breaks at entry %1: %2. This entry and those after it cannot be trusted; restore from a backup and investigate.</translation>
    </message>
    <message>
        <source>稽核紀錄完整：共 %1 筆，雜湊鏈無斷點。</source>
        <translation>The audit log is intact: %1 entries, no break in the hash chain.</translation>
    </message>
    <message>
        <source>第 %1 筆稽核紀錄的雜湊值與 %2 記下的不同：稽核紀錄被改寫後重新計算過雜湊（整條鏈被重算）。請從備份還原並調查。</source>
        <translation>The hash of audit entry %1 differs from the one recorded in %2: the audit log was rewritten and its hashes recomputed (the whole chain re-hashed). Restore from a backup and investigate.</translation>
    </message>
    <message>
        <source>第 %1 筆紀錄被刪除（鏈從中被截斷）</source>
        <translation>entry %1 was deleted (the chain was cut in the middle)</translation>
    </message>
    <message>
        <source>第 %1 至 %2 筆紀錄被刪除（鏈從中被截斷）</source>
        <translation>entries %1 to %2 were deleted (the chain was cut in the middle)</translation>
    </message>
    <message>
        <source>紀錄內容與其雜湊值不相符（這筆紀錄被改過）</source>
        <translation>the entry does not match its hash (this entry was changed)</translation>
    </message>
    <message>
        <source>紀錄沒有鏈上的序號（紀錄是在程式之外加入的）</source>
        <translation>the entry has no position in the chain (it was added outside the app)</translation>
    </message>
    <message>
        <source>紀錄的序號 %1 重複或倒退，應為 %2（紀錄被移動或插入）</source>
        <translation>the entry's position %1 repeats or goes back, it should be %2 (entries were moved or inserted)</translation>
    </message>
    <message>
        <source>紀錄被標為已依保存期限清除，但沒有對應的清除紀錄</source>
        <translation>the entry is marked as purged under the retention rules, but there is no matching purge entry</translation>
    </message>
    <message>
        <source>與 %1 記下的第 %2 筆相符。</source>
        <translation>Matches entry %2 as recorded in %1.</translation>
    </message>
    <message>
        <source>與前一筆紀錄的雜湊值不相符（前面的紀錄被改過或刪除）</source>
        <translation>does not match the hash of the entry before it (an earlier entry was changed or deleted)</translation>
    </message>
    <message>
        <source>被取代的資料庫保留於 %s</source>
        <translation>The replaced database is kept in %s</translation>
    </message>
    <message>
        <source>要重印原通知請加 --live reprint；要作廢原通知並發新的請加 --live reissue。</source>
        <translation>Add --live reprint to print the existing notices again, or --live reissue to void them and issue new ones.</translation>
    </message>
    <message>
        <source>設定系統管理者 %s 的密碼：</source>
        <translation>Set the password of administrator %s: </translation>
    </message>
    <message>
        <source>請以 --user 帳號（或環境變數 LXP_USER）指定執行者，密碼取自 LXP_PASSWORD 或提示輸入。</source>
        <translation>Name who acts with --user ACCOUNT (or LXP_USER); the password comes from LXP_PASSWORD or a prompt.</translation>
    </message>
    <message>
        <source>請寫成 KEY=值，例如 outcomes_per_term=6：</source>
        <translation>Write KEY=value, for example outcomes_per_term=6: </translation>
    </message>
    <message>
        <source>請指定 --from 學年度 與 --graduation-date 畢業日期（例如 --from 113 --graduation-date 114/07/31）；或以 --undo 學年度 復原。</source>
        <translation>Give --from SCHOOL_YEAR and --graduation-date DATE (e.g. --from 113 --graduation-date 114/07/31), or --undo SCHOOL_YEAR to undo.</translation>
    </message>
    <message>
        <source>請指定學期，例如 113-1 或 113-2。</source>
        <translation>Give the term, e.g. 113-1 or 113-2.</translation>
    </message>
    <message>
        <source>請指定要設定的日期，或用 --defaults 採用預設值。</source>
        <translation>Name the dates to set, or use --defaults to adopt the defaults.</translation>
    </message>
    <message>
        <source>請用 --help 查看用法。</source>
        <translation>See --help for usage.</translation>
    </message>
    <message>
        <source>請設定環境變數 LXP_PASSWORD，或在終端機執行以輸入密碼。</source>
        <translation>Set LXP_PASSWORD, or run in a terminal to type the password.</translation>
    </message>
    <message>
        <source>資料庫旁的 %1</source>
        <translation>%1 beside the database</translation>
    </message>
    <message>
        <source>資料庫：</source>
        <translation>Database: </translation>
    </message>
    <message>
        <source>輸出催繳名單請加上 --by teacher 或 --by class。</source>
        <translation>To write reminder lists add --by teacher or --by class.</translation>
    </message>
    <message>
        <source>輸出檔是一個資料夾，請指定檔名：</source>
        <translation>The output is a folder; give a file name: </translation>
    </message>
    <message>
        <source>輸出檔的副檔名必須是 .xlsx：</source>
        <translation>The output file must end in .xlsx: </translation>
    </message>
    <message>
        <source>輸出資料夾不存在：</source>
        <translation>The output folder does not exist: </translation>
    </message>
    <message>
        <source>這些學生已有本學期的通知（沒有寫入任何資料）：</source>
        <translation>These students already have a notice for this term (nothing was written):</translation>
    </message>
    <message>
        <source>這個學期尚未建立；請先在「學期與班級」新增。</source>
        <translation>This term does not exist; add it under Terms and classes first.</translation>
    </message>
    <message>
        <source>這個資料庫還沒有系統管理者。首次使用請以 --user 帳號 建立系統管理者（密碼取自 LXP_PASSWORD 或提示輸入，至少 8 個字元）。</source>
        <translation>This database has no administrator yet. On first use, create one with --user ACCOUNT (password from LXP_PASSWORD or a prompt, at least 8 characters).</translation>
    </message>
    <message>
        <source>逾期未處理的疑義：</source>
        <translation>Objections overdue: </translation>
    </message>
    <message>
        <source>頁</source>
        <translation>pages</translation>
    </message>
    <message>
        <source>（值都相同，沒有變更）</source>
        <translation>(the same values; nothing changed)</translation>
    </message>
    <message>
        <source>（僅預覽，沒有寫入任何資料；確認無誤後加上 --yes 執行。）</source>
        <translation>(Preview only, nothing written; add --yes to promote.)</translation>
    </message>
    <message>
        <source>（更正第 %n 次）</source>
        <translation> (correction no. %n)</translation>
    </message>
    <message>
        <source>（預設）</source>
        <translation> (default)</translation>
    </message>
</context>
<context>
    <name>records</name>
    <message>
        <source>1 一年級</source>
        <translation>1 Grade 10</translation>
    </message>
    <message>
        <source>1 個人</source>
        <translation>1 individual</translation>
    </message>
    <message>
        <source>1 校級</source>
        <translation>1 School</translation>
    </message>
    <message>
        <source>1 男</source>
        <translation>1 Male</translation>
    </message>
    <message>
        <source>2 二年級</source>
        <translation>2 Grade 11</translation>
    </message>
    <message>
        <source>2 團體</source>
        <translation>2 team</translation>
    </message>
    <message>
        <source>2 女</source>
        <translation>2 Female</translation>
    </message>
    <message>
        <source>2 班級</source>
        <translation>2 Class</translation>
    </message>
    <message>
        <source>3 三年級</source>
        <translation>3 Grade 12</translation>
    </message>
    <message>
        <source>3 社團</source>
        <translation>3 Club</translation>
    </message>
    <message>
        <source>4 實習</source>
        <translation>4 Internship</translation>
    </message>
    <message>
        <source>5 校外自治組織</source>
        <translation>5 Outside student organisation</translation>
    </message>
    <message>
        <source>9 其他</source>
        <translation>9 Other</translation>
    </message>
    <message>
        <source>一年一班</source>
        <translation>Class 1-1</translation>
    </message>
    <message>
        <source>主辦單位</source>
        <translation>Organiser</translation>
    </message>
    <message>
        <source>任課教師</source>
        <translation>Teacher</translation>
    </message>
    <message>
        <source>休學</source>
        <translation>Suspended (休學)</translation>
    </message>
    <message>
        <source>作品成果紀錄</source>
        <translation>Works and results</translation>
    </message>
    <message>
        <source>修課別</source>
        <translation>Enrolment type</translation>
    </message>
    <message>
        <source>修課學分</source>
        <translation>Credits taken</translation>
    </message>
    <message>
        <source>修課紀錄</source>
        <translation>Course records</translation>
    </message>
    <message>
        <source>入學方式</source>
        <translation>Admission method</translation>
    </message>
    <message>
        <source>內容簡述</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>其他多元表現紀錄</source>
        <translation>Other performances</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>勾選提交</source>
        <translation>Selected for submission</translation>
    </message>
    <message>
        <source>原修</source>
        <translation>Regular</translation>
    </message>
    <message>
        <source>名稱</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>單位名稱</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>團體參與</source>
        <translation>Individual or team</translation>
    </message>
    <message>
        <source>團體活動時間紀錄</source>
        <translation>Group activity time</translation>
    </message>
    <message>
        <source>在學</source>
        <translation>Enrolled (在學)</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>地點</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>外部連結</source>
        <translation>External link</translation>
    </message>
    <message>
        <source>多元表現</source>
        <translation>Diverse performances</translation>
    </message>
    <message>
        <source>大學及技專校院先修課程紀錄</source>
        <translation>University advanced-placement courses</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>學分數</source>
        <translation>Credits</translation>
    </message>
    <message>
        <source>學年度</source>
        <translation>School year</translation>
    </message>
    <message>
        <source>學期</source>
        <translation>Term</translation>
    </message>
    <message>
        <source>學期學業成績</source>
        <translation>Term grade</translation>
    </message>
    <message>
        <source>學期結束日期</source>
        <translation>Term end</translation>
    </message>
    <message>
        <source>學期開始日期</source>
        <translation>Term start</translation>
    </message>
    <message>
        <source>學校代碼</source>
        <translation>School code</translation>
    </message>
    <message>
        <source>學校名稱</source>
        <translation>School name</translation>
    </message>
    <message>
        <source>學校資料</source>
        <translation>School data</translation>
    </message>
    <message>
        <source>學生基本資料</source>
        <translation>Students</translation>
    </message>
    <message>
        <source>學生資料名冊的代碼</source>
        <translation>code of the student roster</translation>
    </message>
    <message>
        <source>學籍狀態</source>
        <translation>Enrolment status</translation>
    </message>
    <message>
        <source>學籍異動日期</source>
        <translation>Status change date</translation>
    </message>
    <message>
        <source>學號</source>
        <translation>Student no.</translation>
    </message>
    <message>
        <source>導師</source>
        <translation>Homeroom teacher</translation>
    </message>
    <message>
        <source>帳號或姓名</source>
        <translation>Username or name</translation>
    </message>
    <message>
        <source>年級</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>幹部等級</source>
        <translation>Cadre level</translation>
    </message>
    <message>
        <source>幹部經歷</source>
        <translation>Cadre records</translation>
    </message>
    <message>
        <source>幹部經歷暨事蹟紀錄</source>
        <translation>Cadre positions and deeds</translation>
    </message>
    <message>
        <source>座號</source>
        <translation>Seat no.</translation>
    </message>
    <message>
        <source>延修</source>
        <translation>Extended study (延修)</translation>
    </message>
    <message>
        <source>彈性學習時間紀錄</source>
        <translation>Flexible learning time</translation>
    </message>
    <message>
        <source>復學</source>
        <translation>Resumed (復學)</translation>
    </message>
    <message>
        <source>性別</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>成果名稱</source>
        <translation>Outcome title</translation>
    </message>
    <message>
        <source>成果簡述</source>
        <translation>Outcome summary</translation>
    </message>
    <message>
        <source>成績及格</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>採計學分</source>
        <translation>Credit counted</translation>
    </message>
    <message>
        <source>擔任職務</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>是否採計學分</source>
        <translation>Credit counted</translation>
    </message>
    <message>
        <source>時數</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>時間</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>服務學習紀錄</source>
        <translation>Service learning</translation>
    </message>
    <message>
        <source>校內</source>
        <translation>In school</translation>
    </message>
    <message>
        <source>校內／校外</source>
        <translation>In / outside school</translation>
    </message>
    <message>
        <source>校外</source>
        <translation>Outside school</translation>
    </message>
    <message>
        <source>檢定證照紀錄</source>
        <translation>Certificates and licences</translation>
    </message>
    <message>
        <source>特殊身分別</source>
        <translation>Special status</translation>
    </message>
    <message>
        <source>班級</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>班級、社團或學生會</source>
        <translation>Class, club or student council</translation>
    </message>
    <message>
        <source>班級代碼</source>
        <translation>Class code</translation>
    </message>
    <message>
        <source>班級名稱</source>
        <translation>Class name</translation>
    </message>
    <message>
        <source>畢業</source>
        <translation>Graduated (畢業)</translation>
    </message>
    <message>
        <source>監護人</source>
        <translation>Guardian</translation>
    </message>
    <message>
        <source>科班學程別代碼</source>
        <translation>Programme code</translation>
    </message>
    <message>
        <source>科目名稱</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>空白時取課程學分數</source>
        <translation>Blank: the course's credits</translation>
    </message>
    <message>
        <source>競賽參與紀錄</source>
        <translation>Competitions</translation>
    </message>
    <message>
        <source>競賽的項目，例如 物理科</source>
        <translation>the competition's event, e.g. physics</translation>
    </message>
    <message>
        <source>競賽：1 校級、2 縣市級、3 全國、4 國際</source>
        <translation>competitions: 1 school, 2 city/county, 3 national, 4 international</translation>
    </message>
    <message>
        <source>第1學期</source>
        <translation>Term 1</translation>
    </message>
    <message>
        <source>第2學期</source>
        <translation>Term 2</translation>
    </message>
    <message>
        <source>等級</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>結束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>結果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>群別代碼</source>
        <translation>Group code</translation>
    </message>
    <message>
        <source>聯絡電話</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>職場學習紀錄</source>
        <translation>Workplace learning</translation>
    </message>
    <message>
        <source>補修</source>
        <translation>Make-up course (補修)</translation>
    </message>
    <message>
        <source>補考及格</source>
        <translation>Resit passed</translation>
    </message>
    <message>
        <source>補考成績</source>
        <translation>Resit grade</translation>
    </message>
    <message>
        <source>註冊組聯絡人</source>
        <translation>Registrar contact</translation>
    </message>
    <message>
        <source>註冊組電子郵件</source>
        <translation>Registrar e-mail</translation>
    </message>
    <message>
        <source>註冊組電話</source>
        <translation>Registrar phone</translation>
    </message>
    <message>
        <source>認證狀態</source>
        <translation>Certification</translation>
    </message>
    <message>
        <source>課程</source>
        <translation>Courses</translation>
    </message>
    <message>
        <source>課程代碼</source>
        <translation>Course code</translation>
    </message>
    <message>
        <source>課程學習成果</source>
        <translation>Course learning outcomes</translation>
    </message>
    <message>
        <source>課程學習成果認證截止日</source>
        <translation>Certification deadline</translation>
    </message>
    <message>
        <source>課程諮詢教師</source>
        <translation>Course consultant</translation>
    </message>
    <message>
        <source>課程諮詢紀錄</source>
        <translation>Course consultations</translation>
    </message>
    <message>
        <source>課程類別</source>
        <translation>Course category</translation>
    </message>
    <message>
        <source>諮詢內容</source>
        <translation>Consultation content</translation>
    </message>
    <message>
        <source>諮詢意見</source>
        <translation>Consultant's opinion</translation>
    </message>
    <message>
        <source>質性文字描述</source>
        <translation>Qualitative description</translation>
    </message>
    <message>
        <source>身分證統一編號</source>
        <translation>National ID</translation>
    </message>
    <message>
        <source>轉入</source>
        <translation>Transferred in (轉入)</translation>
    </message>
    <message>
        <source>轉出</source>
        <translation>Transferred out (轉出)</translation>
    </message>
    <message>
        <source>轉學轉科</source>
        <translation>Transfer credit (轉學轉科)</translation>
    </message>
    <message>
        <source>退學</source>
        <translation>Withdrawn (退學)</translation>
    </message>
    <message>
        <source>通訊地址</source>
        <translation>Mailing address</translation>
    </message>
    <message>
        <source>部別代碼</source>
        <translation>Division code</translation>
    </message>
    <message>
        <source>郵遞區號</source>
        <translation>Postal code</translation>
    </message>
    <message>
        <source>重修</source>
        <translation>Retake (重修)</translation>
    </message>
    <message>
        <source>重讀</source>
        <translation>Repeat year (重讀)</translation>
    </message>
    <message>
        <source>開始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>開課年級</source>
        <translation>Grade offered</translation>
    </message>
    <message>
        <source>電子郵件</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>電話</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>項目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>類別</source>
        <translation>Category</translation>
    </message>
</context>
</TS>
